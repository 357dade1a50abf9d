package io.symphony.redis.testsupport;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} process owned by one test, for what the shared server must not see: killing and
 * restarting, special configuration ({@code --notify-keyspace-events}, {@code --hz}), {@code FLUSHALL}.
 *
 * <p>It runs the same binary as the shared server would ({@code SYMPHONY_TEST_REDIS_BINARY} if set, else
 * {@code redis-server} from {@code PATH}, else the embedded-redis binary; never Docker) on a free loopback port, with
 * persistence off. Start-up waits until the server answers PING (at most 15 s) and otherwise fails with the server's
 * last output lines. The process is stopped by {@link #close()} and, failing that, by its pid at JVM exit.
 *
 * <p>Instances are thread-safe. Use try-with-resources, or let {@link RedisExtension} inject and close one.
 */
public final class PrivateRedisServer implements AutoCloseable {

    private final AssertionConnections connections;
    private RedisProcess process;
    private boolean closed;

    private PrivateRedisServer(RedisProcess process, @Nullable String password) {
        this.process = process;
        this.connections = new AssertionConnections("redis://" + (password == null ? "" : ":" + password + "@")
                + RedisProcess.HOST + ":" + process.port());
    }

    /**
     * Start a private server with extra {@code redis-server} arguments, e.g.
     * {@code start("--notify-keyspace-events", "Ex", "--hz", "100")}.
     *
     * @throws IllegalArgumentException when the arguments set {@code --port}, {@code --bind} or {@code --daemonize}
     * @throws IllegalStateException when no binary is found or the server does not answer PING in time
     */
    public static PrivateRedisServer start(String... extraArgs) {
        return start(RedisBinary.resolve(), extraArgs);
    }

    /** Start a private server from a given binary source ({@link ServerSource#PATH} or {@code EMBEDDED}). */
    static PrivateRedisServer start(ServerSource binarySource, String... extraArgs) {
        return start(RedisBinary.of(binarySource), extraArgs);
    }

    private static PrivateRedisServer start(RedisBinary binary, String... extraArgs) {
        Objects.requireNonNull(extraArgs, "extraArgs");
        return new PrivateRedisServer(RedisProcess.startOnFreePort(binary, List.of(extraArgs)),
                requirePass(extraArgs));
    }

    /** The value of the last {@code --requirepass} argument, which {@link #sync(int)} authenticates with. */
    private static @Nullable String requirePass(String... args) {
        String password = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if ("--requirepass".equals(args[i])) {
                password = args[i + 1];
            }
        }
        return password;
    }

    /** Return the address the server binds to, {@code 127.0.0.1}. */
    public String host() {
        return RedisProcess.HOST;
    }

    /** Return the port, which stays the same across {@link #restart()}. */
    public synchronized int port() {
        return process.port();
    }

    /** Return {@code redis://127.0.0.1:port}, without a DB and without the {@code --requirepass} password. */
    public String uri() {
        return "redis://" + host() + ":" + port();
    }

    /**
     * Return {@code redis://127.0.0.1:port/db}.
     *
     * @throws IllegalArgumentException when {@code db} is negative
     */
    public String uri(int db) {
        if (db < 0) {
            throw new IllegalArgumentException("db must be >= 0: " + db);
        }
        return uri() + "/" + db;
    }

    /** Return the pid of the current process; it changes with every {@link #restart()}. */
    public synchronized long pid() {
        return process.pid();
    }

    /** Return {@code PATH} or {@code EMBEDDED}: where the binary came from. */
    public synchronized String source() {
        return process.binary().source().name();
    }

    /**
     * Return raw synchronous Lettuce commands on {@code db}, cached per DB until the server stops, is killed or is
     * closed; they authenticate with the {@code --requirepass} argument, if the server was started with one. While
     * the server is down they fail fast with a {@code RedisConnectionException} or
     * {@code RedisException} instead of waiting.
     *
     * @throws IllegalStateException when the server is closed
     */
    public RedisCommands<String, String> sync(int db) {
        checkOpen();
        return connections.sync(db);
    }

    /** Tell whether the process is alive. */
    public synchronized boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Kill the process with SIGKILL (no shutdown, no reply to clients), wait until it has exited, and close the
     * cached connections. Only the connections are touched when the process is already gone.
     *
     * @throws IllegalStateException when the server is closed
     */
    public synchronized void kill() {
        checkOpen();
        connections.close();
        process.kill();
    }

    /**
     * Stop the process gracefully with {@code SHUTDOWN NOSAVE} (else SIGTERM, else SIGKILL), wait until it has
     * exited, and close the cached connections. Only the connections are touched when the process is already gone.
     *
     * @throws IllegalStateException when the server is closed
     */
    public synchronized void stop() {
        checkOpen();
        connections.close();
        process.shutdown();
    }

    /**
     * Start the server again on the same port with the same arguments, stopping it first if it runs, and wait until
     * it answers PING. Data is lost: persistence is off.
     *
     * @throws IllegalStateException when the server is closed, or the port was taken meanwhile, or the new process
     *     does not answer PING in time
     */
    public synchronized void restart() {
        checkOpen();
        connections.close();
        process.shutdown();
        process = process.restart();
    }

    /** Stop the server and release its connections; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        connections.close();
        process.shutdown();
    }

    /** Describe the server. */
    @Override
    public synchronized String toString() {
        return "PrivateRedisServer[" + uri() + ", pid " + process.pid() + (process.isAlive() ? "" : ", stopped")
                + (closed ? ", closed" : "") + "]";
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
