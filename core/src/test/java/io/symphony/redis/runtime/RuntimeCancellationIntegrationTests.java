package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Cancelling or timing out {@link SymphonyRuntime#create} releases what it opened: no Lettuce or Symphony thread and
 * no server connection outlives it.
 */
@RedisTest
class RuntimeCancellationIntegrationTests {

    private final TestRedis redis;

    RuntimeCancellationIntegrationTests(TestRedis redis) {
        this.redis = redis;
        // The kit's own client starts its Lettuce threads on first use: start them before any thread snapshot.
        redis.sync(0).ping();
    }

    private static Set<Thread> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("lettuce-") || t.getName().startsWith("symphony-"))
                .collect(Collectors.toSet());
    }

    private static void assertNoNewThreads(Set<Thread> before) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ourThreads().stream()
                .filter(t -> !before.contains(t)).map(Thread::getName).toList())
                .as("threads started by the cancelled create").isEmpty());
    }

    private long clients(String name) {
        return redis.sync(0).clientList().lines().filter(line -> line.contains(" name=" + name + " ")).count();
    }

    private SymphonyRedisConfig.Builder config(String clientName) {
        return SymphonyRedisConfig.builder().url(redis.uri()).clientName(clientName);
    }

    @ParameterizedTest(name = "{displayName} after {0} ms")
    @ValueSource(ints = {0, 1, 3, 8, 15, 30, 60, 120})
    void timedOutCreate_releasesThreadsAndConnections(int afterMillis) {
        String name = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
        Set<Thread> before = ourThreads();

        Mono<SymphonyRuntime> create = SymphonyRuntime.create(config(name)
                        .connectionStrategy(ConnectionStrategy.POOLED).poolSize(4).build())
                .timeout(Duration.ofMillis(afterMillis));
        // The runtime may be up before the timeout on a fast machine: then it is closed like any runtime.
        create.onErrorResume(TimeoutException.class, e -> Mono.empty())
                .flatMap(runtime -> runtime.close().thenReturn(runtime))
                .as(StepVerifier::create)
                .thenConsumeWhile(runtime -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(20));

        await().atMost(Duration.ofSeconds(10)).until(() -> clients(name) == 0);
        assertNoNewThreads(before);
    }

    @Test
    void cancelledCreate_immediately_releasesEverything() {
        String name = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
        Set<Thread> before = ourThreads();

        StepVerifier.create(SymphonyRuntime.create(config(name).build()))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> clients(name) == 0);
        assertNoNewThreads(before);
    }

    @Test
    void cancelledCreate_afterConnectionsAppeared_closesThem() throws IOException {
        String name = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
        try (SilentServer silent = new SilentServer()) {
            Set<Thread> before = ourThreads();

            // One alias on a server that never answers keeps create() pending (its connect timeout is 30 s) while
            // the other aliases' pools open on the real server: on a warm, fast machine create() would otherwise
            // finish before the cancel arrives, and the cancel would find nothing to undo.
            StepVerifier.create(SymphonyRuntime.create(config(name).connectionStrategy(ConnectionStrategy.POOLED)
                            .poolSize(8).aliasUrl("pubsub", "redis://127.0.0.1:" + silent.port())
                            .connectTimeout(Duration.ofSeconds(30)).build()))
                    .expectSubscription()
                    .then(() -> await().atMost(Duration.ofSeconds(10)).until(() -> clients(name) > 0))
                    .thenCancel()
                    .verify(Duration.ofSeconds(15));

            await().atMost(Duration.ofSeconds(10)).until(() -> clients(name) == 0);
            assertNoNewThreads(before);
        }
    }

    @Test
    void cancelledCreate_whileConnectingToASilentServer_releasesEverything() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            Set<Thread> before = ourThreads();

            StepVerifier.create(SymphonyRuntime.create(SymphonyRedisConfig.builder()
                            .url("redis://127.0.0.1:" + silent.port()).connectTimeout(Duration.ofSeconds(30))
                            .commandTimeout(Duration.ofSeconds(30)).build()))
                    .expectSubscription()
                    .then(() -> await().atMost(Duration.ofSeconds(10)).until(() -> silent.accepted.size() >= 1))
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));

            assertNoNewThreads(before);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(silent.accepted)
                    .as("every accepted connection closed by the client").allSatisfy(SilentServer::assertClosed));
        }
    }

    /** Accepts TCP connections and never answers, like a hung server. */
    private static final class SilentServer implements AutoCloseable {

        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        private final Thread acceptor;

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        client.setSoTimeout(50);
                        accepted.add(client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /** The client closed its end: reading reaches end of stream (HELLO bytes may come first). */
        static void assertClosed(Socket client) throws IOException {
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[1024];
            try {
                while (in.read(buffer) >= 0) {
                    // drain what the client sent before closing
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("connection from port " + client.getPort() + " still open");
            } catch (java.net.SocketException e) {
                return; // reset by the client: closed as well
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : accepted) {
                client.close();
            }
        }
    }
}
