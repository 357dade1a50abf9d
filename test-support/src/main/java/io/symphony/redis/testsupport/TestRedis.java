package io.symphony.redis.testsupport;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The Redis server every test of this JVM shares, resolved once on first use.
 *
 * <p>Resolution order:
 * <ol>
 *   <li>{@code REDIS_URL} if set: {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://...}; the DB
 *       is ignored (tests pick theirs with {@link #uri(int)}). Such a server is never flushed by the kit.</li>
 *   <li>else {@code redis-server} from {@code PATH}, started on a free loopback port;</li>
 *   <li>else the Linux (or macOS) binary shipped inside {@code com.github.codemonstur:embedded-redis}, extracted to a
 *       temp file and started exactly like the {@code PATH} binary;</li>
 *   <li>else, when Testcontainers is on the class path and Docker answers, a {@code redis:7-alpine} container.</li>
 * </ol>
 * The system property or environment variable {@code SYMPHONY_TEST_REDIS_BINARY} ({@code path}, {@code embedded} or
 * {@code testcontainers}) skips the order, including {@code REDIS_URL}, and forces that source; it also picks the
 * binary of every {@link PrivateRedisServer}. The chosen source is logged at INFO. Every process the kit starts is
 * stopped by its pid when the JVM exits; nothing else is ever stopped.
 *
 * <p>Tests isolate themselves with {@link #uniqueTenant(String)} names or keys instead of flushing: other test
 * classes of the same JVM share the server concurrently.
 */
public final class TestRedis {

    private static volatile @Nullable TestRedis shared;

    private final String scheme;
    private final @Nullable String userInfo;
    private final String host;
    private final int port;
    private final ServerSource source;
    private final @Nullable AutoCloseable owned;
    private final AssertionConnections connections;

    TestRedis(String scheme, @Nullable String userInfo, String host, int port, ServerSource source,
            @Nullable AutoCloseable owned) {
        this.scheme = scheme;
        this.userInfo = userInfo;
        this.host = host;
        this.port = port;
        this.source = source;
        this.owned = owned;
        this.connections = new AssertionConnections(uri());
    }

    /**
     * Return the shared server, resolving (and maybe starting) it on first use.
     *
     * @throws IllegalStateException when no source in the resolution order can provide a server
     */
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

    /**
     * Return a fresh namespace name {@code prefix-xxxxxxxx} (8 random lowercase letters and digits), so that a test
     * can isolate its tenant, pool or keys on the shared server without flushing it.
     *
     * @throws NullPointerException when {@code prefix} is null
     * @throws IllegalArgumentException when {@code prefix} is blank
     */
    public static String uniqueTenant(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("prefix must not be blank");
        }
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder(prefix.length() + 9).append(prefix).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }

    /** Return the host name or address of the server. */
    public String host() {
        return host;
    }

    /** Return the TCP port of the server. */
    public int port() {
        return port;
    }

    /**
     * Return where the server came from: {@code REDIS_URL}, {@code PATH}, {@code EMBEDDED} or
     * {@code TESTCONTAINERS}.
     */
    public String source() {
        return source.name();
    }

    /** Tell whether the test kit started this server (every source but {@code REDIS_URL}). */
    public boolean startedByUs() {
        return source.startedByUs();
    }

    /** Return {@code redis://[userinfo@]host:port} without a DB; it carries the password, so never log it. */
    public String uri() {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + host + ":" + port;
    }

    /**
     * Return {@code redis://[userinfo@]host:port/db}.
     *
     * @throws IllegalArgumentException when {@code db} is negative
     */
    public String uri(int db) {
        if (db < 0) {
            throw new IllegalArgumentException("db must be >= 0: " + db);
        }
        return uri() + "/" + db;
    }

    /**
     * Return raw synchronous Lettuce commands on {@code db}, for arranging and asserting only. The connection is
     * cached per DB, shared by all callers, and closed at JVM exit; do not close it, and do not change its state
     * (SELECT, MULTI, CLIENT SETNAME).
     *
     * @throws IllegalArgumentException when {@code db} is negative
     */
    public RedisCommands<String, String> sync(int db) {
        return connections.sync(db);
    }

    /**
     * Run {@code FLUSHALL} on a server the kit started. Other test classes may share the server at the same time,
     * so prefer {@link #uniqueTenant(String)}.
     *
     * @throws IllegalStateException when the server came from {@code REDIS_URL}
     */
    public void flushAll() {
        if (!startedByUs()) {
            throw new IllegalStateException("refusing to FLUSHALL " + this + ": the test kit did not start it");
        }
        sync(0).flushall();
    }

    /** Close the cached connections and stop the server if we own it; used for non-shared instances. */
    void close() throws Exception {
        connections.close();
        if (owned != null) {
            owned.close();
        }
    }

    /** Describe the server without its password. */
    @Override
    public String toString() {
        String redacted = userInfo == null ? "" : "***@";
        return "TestRedis[" + scheme + "://" + redacted + host + ":" + port + " from " + source + "]";
    }
}
