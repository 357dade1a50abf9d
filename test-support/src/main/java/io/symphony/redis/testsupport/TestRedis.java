package io.symphony.redis.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis server every test of this JVM shares.
 *
 * <p>Resolution order: {@code REDIS_URL} if set; else {@code redis-server} from {@code PATH} started on a free
 * loopback port; else the binary shipped in {@code com.github.codemonstur:embedded-redis}; else a Testcontainers
 * Redis when Docker is present. A server we started is stopped (by its pid) when the JVM exits.
 *
 * <p>Tests must not FLUSHALL a server they did not start; they isolate themselves with unique tenants/keys.
 */
public final class TestRedis {

    private static volatile TestRedis shared;

    private final String host;
    private final int port;
    private final String source;
    private final RedisClient client;
    private final Map<Integer, StatefulRedisConnection<String, String>> connections = new ConcurrentHashMap<>();

    TestRedis(String host, int port, String source) {
        this.host = host;
        this.port = port;
        this.source = source;
        this.client = RedisClient.create();
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeConnections, "test-redis-close"));
    }

    /** The shared server, started on first use. */
    public static TestRedis shared() {
        TestRedis current = shared;
        if (current == null) {
            synchronized (TestRedis.class) {
                current = shared;
                if (current == null) {
                    current = RedisServerResolver.resolve();
                    shared = current;
                }
            }
        }
        return current;
    }

    /** Host name or address of the server. */
    public String host() {
        return host;
    }

    /** TCP port of the server. */
    public int port() {
        return port;
    }

    /** Where the server came from: {@code REDIS_URL}, {@code PATH}, {@code EMBEDDED} or {@code TESTCONTAINERS}. */
    public String source() {
        return source;
    }

    /** {@code redis://host:port}, without a DB. */
    public String uri() {
        return "redis://" + host + ":" + port;
    }

    /** {@code redis://host:port/db}. */
    public String uri(int db) {
        return uri() + "/" + db;
    }

    /** A raw synchronous Lettuce connection to {@code db}, for assertions only; cached and closed at exit. */
    public RedisCommands<String, String> sync(int db) {
        return connections.computeIfAbsent(db,
                d -> client.connect(RedisURI.builder().withHost(host).withPort(port).withDatabase(d).build()))
                .sync();
    }

    private void closeConnections() {
        connections.values().forEach(StatefulRedisConnection::close);
        client.shutdown();
    }

    @Override
    public String toString() {
        return "TestRedis[" + uri() + " from " + source + "]";
    }
}
