package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.RedisConnectException;
import io.symphony.redis.RedisConnectException.Reason;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.RedisServerArgs;
import io.symphony.redis.testsupport.RedisTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The message a user sees when start-up cannot connect, against real servers (and a real silent socket). */
@RedisTest
class ConnectErrorsIntegrationTests {

    /** Every alias on the same URL: one target, reported under the first alias, {@code default}. */
    private static SymphonyRedisConfig single(String url, Duration connectTimeout) {
        Map<String, String> urls = new LinkedHashMap<>();
        PoolAliases.DEFAULT_DATABASES.keySet().forEach(alias -> urls.put(alias, url));
        return SymphonyRedisConfig.builder().aliasUrls(urls).connectTimeout(connectTimeout).keyspaceEvents(false)
                .build();
    }

    private static RedisConnectException createFails(SymphonyRedisConfig config) {
        Throwable[] failure = new Throwable[1];
        SymphonyRuntime.create(config).as(StepVerifier::create)
                .expectErrorSatisfies(error -> failure[0] = error)
                .verify(Duration.ofSeconds(30));
        assertThat(failure[0]).isInstanceOf(RedisConnectException.class);
        return (RedisConnectException) failure[0];
    }

    @Test
    void wrongPassword_saysAuthenticationFailed(@RedisServerArgs({"--requirepass", "s3cret"}) PrivateRedisServer server) {
        String url = "redis://bob:wrong@127.0.0.1:" + server.port() + "/2";

        RedisConnectException error = createFails(single(url, Duration.ofSeconds(5)));

        assertThat(error).hasMessage("Could not connect pool 'default' to redis://bob:***@127.0.0.1:" + server.port()
                + "/2 db 2: authentication failed (WRONGPASS invalid username-password pair or user is disabled.)")
                .hasMessageNotContaining("wrong@");
        assertThat(error.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(error.pool()).isEqualTo("default");
        assertThat(error.endpoint()).isEqualTo("redis://bob:***@127.0.0.1:" + server.port() + "/2");
        assertThat(error).hasRootCauseMessage("WRONGPASS invalid username-password pair or user is disabled.");
    }

    @Test
    void missingPassword_saysTheServerRequiresOne(
            @RedisServerArgs({"--requirepass", "s3cret"}) PrivateRedisServer server) {
        RedisConnectException error = createFails(single("redis://127.0.0.1:" + server.port(), Duration.ofSeconds(5)));

        assertThat(error).hasMessage("Could not connect pool 'default' to redis://127.0.0.1:" + server.port()
                + " db 0: authentication failed: the server requires a password and the URL gives none (NOAUTH)");
        assertThat(error.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void silentServer_failsWithinTheConnectTimeout_sayingItTimedOut() throws IOException {
        // Class loading and client start-up of the first runtime in a JVM take seconds on a busy machine: not timed.
        createFails(single("redis://127.0.0.1:" + freePort(), Duration.ofSeconds(2)));
        try (SilentServer silent = new SilentServer()) {
            long start = System.nanoTime();

            // Six aliases on six DBs: six connections that all wait at once, not in waves.
            RedisConnectException error = createFails(SymphonyRedisConfig.builder()
                    .url("redis://127.0.0.1:" + silent.port()).connectTimeout(Duration.ofSeconds(2))
                    .keyspaceEvents(false).build());

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(error.getMessage()).matches("Could not connect pool '[a-z_]+' to redis://127\\.0\\.0\\.1:"
                    + silent.port() + " db \\d+: timed out after 2 s \\(the connect timeout\\) without an answer "
                    + "from the server");
            assertThat(error.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(silent.accepted()).as("the server really accepted the connections").isGreaterThanOrEqualTo(6);
            assertThat(took).as("2 s connect timeout; was %s", took).isLessThan(Duration.ofMillis(3000));
            System.out.println("silent server: create failed after " + took.toMillis() + " ms (connect timeout 2 s)");
        }
    }

    @Test
    void silentClusterSeed_saysWhichTimeoutRanOut() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            RedisConnectException error = createFails(SymphonyRedisConfig.builder()
                    .url("redis-cluster://127.0.0.1:" + silent.port()).connectTimeout(Duration.ofSeconds(1))
                    .commandTimeout(Duration.ofSeconds(3)).keyspaceEvents(false).build());

            assertThat(error).hasMessage("Could not connect pool 'default' to redis-cluster://127.0.0.1:"
                    + silent.port() + " db 0: timed out after 3 s (the command timeout, which bounds the Cluster "
                    + "topology load) without an answer from the server");
            assertThat(error.reason()).isEqualTo(Reason.TIMED_OUT);
        }
    }

    @Test
    void refusedPort_saysConnectionRefused() throws IOException {
        int port = freePort();

        RedisConnectException error = createFails(single("redis://127.0.0.1:" + port, Duration.ofSeconds(5)));

        assertThat(error).hasMessage("Could not connect pool 'default' to redis://127.0.0.1:" + port
                + " db 0: connection refused by 127.0.0.1:" + port);
        assertThat(error.reason()).isEqualTo(Reason.CONNECTION_REFUSED);
    }

    @Test
    void unknownHost_saysUnknownHost() {
        RedisConnectException error = createFails(single("redis://no-such-host.invalid:6379",
                Duration.ofSeconds(5)));

        assertThat(error).hasMessage("Could not connect pool 'default' to redis://no-such-host.invalid:6379 db 0: "
                + "unknown host 'no-such-host.invalid'");
        assertThat(error.reason()).isEqualTo(Reason.UNKNOWN_HOST);
    }

    @Test
    void refusedSentinel_saysConnectionRefused() throws IOException {
        int port = freePort();

        RedisConnectException error = createFails(single("redis-sentinel://127.0.0.1:" + port + "#primary",
                Duration.ofSeconds(5)));

        assertThat(error).hasMessage("Could not connect pool 'default' to redis-sentinel://127.0.0.1:" + port
                + "#primary db 0: connection refused by 127.0.0.1:" + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Accepts TCP connections and never writes a byte. */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        SilentServer() throws IOException {
            Thread acceptor = new Thread(this::accept, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    clients.add(socket.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return clients.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
