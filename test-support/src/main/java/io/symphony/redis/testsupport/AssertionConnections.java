package io.symphony.redis.testsupport;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Raw synchronous Lettuce connections to one server, one per DB, cached until {@link #close()}.
 *
 * <p>All instances share one lazily created {@link ClientResources}, shut down at JVM exit, so that a private
 * server per test does not cost a new event loop. Commands fail fast while disconnected and time out after
 * {@link #COMMAND_TIMEOUT}, so a killed server shows up as an exception rather than a hang.
 */
final class AssertionConnections {

    /** Timeout of every command sent through these connections. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private static @Nullable ClientResources resources;

    private final String baseUri;
    private final Map<Integer, StatefulRedisConnection<String, String>> connections = new HashMap<>();
    private @Nullable RedisClient client;

    /** Prepare connections to {@code baseUri} ({@code redis://[userinfo@]host:port}, no DB); connect lazily. */
    AssertionConnections(String baseUri) {
        this.baseUri = baseUri;
    }

    /** Return the cached sync commands for {@code db}, connecting on first use. */
    synchronized RedisCommands<String, String> sync(int db) {
        if (db < 0) {
            throw new IllegalArgumentException("db must be >= 0: " + db);
        }
        return connections.computeIfAbsent(db, this::connect).sync();
    }

    /** Close every cached connection; later {@link #sync(int)} calls connect again. */
    synchronized void close() {
        connections.values().forEach(StatefulRedisConnection::close);
        connections.clear();
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
    }

    private StatefulRedisConnection<String, String> connect(int db) {
        if (client == null) {
            client = RedisClient.create(sharedResources());
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    .build());
        }
        RedisURI uri = RedisURI.create(baseUri + "/" + db);
        uri.setTimeout(COMMAND_TIMEOUT);
        return client.connect(uri);
    }

    /** Return the client resources shared by every connection of the test kit, shut down at JVM exit. */
    static synchronized ClientResources sharedResources() {
        if (resources == null) {
            ClientResources created = DefaultClientResources.create();
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> created.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS),
                    "symphony-test-redis-lettuce"));
            resources = created;
        }
        return resources;
    }
}
