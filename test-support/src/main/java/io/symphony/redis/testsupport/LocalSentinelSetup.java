package io.symphony.redis.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis Sentinel set-up on loopback: one primary, one replica ({@code --replicaof} the primary) and three
 * sentinels monitoring the primary under {@link #masterName()} with quorum 2, a 1 s down-after period and a 5 s
 * failover timeout, so that a killed primary is replaced within a few seconds.
 *
 * <p>Every process runs the binary the rest of the kit uses ({@code SYMPHONY_TEST_REDIS_BINARY}, else
 * {@code redis-server} on {@code PATH}, else the embedded-redis one; no Docker) on a free port; each sentinel gets a
 * writable config file (sentinels rewrite it) in a temp directory of its own set-up. {@link #start(String...)}
 * returns once the replica is in sync and every sentinel sees the primary, the replica and the two other sentinels.
 * {@link #close()} stops everything; processes left running are stopped by pid at JVM exit.
 *
 * <p>Roles move: {@link #primary()} and {@link #replica()} answer with the data node the sentinels currently call
 * master, and the other one. Instances are thread-safe; every method blocks (test infrastructure).
 */
public final class LocalSentinelSetup implements AutoCloseable {

    /** The name the sentinels monitor the primary under. */
    public static final String MASTER_NAME = "symphony-primary";
    /** How long a primary must be unreachable before a sentinel considers it down. */
    public static final Duration DOWN_AFTER = Duration.ofMillis(1_000);
    /** The sentinels' failover timeout. */
    public static final Duration FAILOVER_TIMEOUT = Duration.ofMillis(5_000);

    private static final Logger log = LoggerFactory.getLogger(LocalSentinelSetup.class);
    private static final int SENTINELS = 3;
    private static final int QUORUM = 2;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private final Path directory;
    private final List<PrivateRedisServer> nodes;
    private final List<RedisProcess> sentinels;
    private final SentinelQueries queries;
    private boolean closed;

    private LocalSentinelSetup(Path directory, List<PrivateRedisServer> nodes, List<RedisProcess> sentinels) {
        this.directory = directory;
        this.nodes = nodes;
        this.sentinels = sentinels;
        this.queries = new SentinelQueries(sentinels.stream().map(RedisProcess::port).toList(), MASTER_NAME);
    }

    /**
     * Start the primary, the replica and three sentinels, and wait (at most 30 s) until the set-up is complete.
     *
     * @param extraServerArgs extra {@code redis-server} arguments for both data nodes, e.g.
     *     {@code "--notify-keyspace-events", "Ex"}
     * @throws IllegalArgumentException when the arguments set {@code --port}, {@code --bind} or {@code --daemonize}
     * @throws IllegalStateException when a process does not start or the set-up is not complete in time; whatever
     *     was started is stopped
     */
    public static LocalSentinelSetup start(String... extraServerArgs) {
        Objects.requireNonNull(extraServerArgs, "extraServerArgs");
        return startWith(null, extraServerArgs);
    }

    /**
     * Start the set-up as {@link #start(String...)} does, with {@code password} protecting both data nodes
     * ({@code requirepass}, and {@code masterauth} so the replica can sync and either node can become the other's
     * replica) and given to the sentinels ({@code sentinel auth-pass}). The sentinels themselves ask for no password.
     * {@link #uri()} does not hold the password: a client puts it in the user info
     * ({@code redis-sentinel://:password@...}), which Lettuce uses for the data nodes only. {@link #primary()} and
     * {@link #replica()} authenticate their {@code sync} connections.
     *
     * @param password the data nodes' password: not empty, no whitespace, no {@code "}
     * @throws IllegalArgumentException when the password is empty or holds whitespace or {@code "}, or the extra
     *     arguments set {@code --port}, {@code --bind} or {@code --daemonize}
     * @throws IllegalStateException as {@link #start(String...)}
     */
    public static LocalSentinelSetup startWithPassword(String password, String... extraServerArgs) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(extraServerArgs, "extraServerArgs");
        if (password.isEmpty() || password.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
            throw new IllegalArgumentException("password must be non-empty, without whitespace or '\"'");
        }
        return startWith(password, extraServerArgs);
    }

    private static LocalSentinelSetup startWith(@Nullable String password, String... extraServerArgs) {
        List<String> serverArgs = new ArrayList<>();
        if (password != null) {
            serverArgs.addAll(List.of("--requirepass", password, "--masterauth", password));
        }
        serverArgs.addAll(List.of(extraServerArgs));
        return startNodes(password, serverArgs.toArray(String[]::new));
    }

    private static LocalSentinelSetup startNodes(@Nullable String password, String... extraServerArgs) {
        Path directory = createDirectory();
        List<PrivateRedisServer> nodes = new ArrayList<>();
        List<RedisProcess> sentinels = new ArrayList<>();
        try {
            PrivateRedisServer primary = PrivateRedisServer.start(nodeArgs(directory, "primary", extraServerArgs));
            nodes.add(primary);
            List<String> replicaArgs = new ArrayList<>(List.of(nodeArgs(directory, "replica", extraServerArgs)));
            replicaArgs.addAll(List.of("--replicaof", RedisProcess.HOST, String.valueOf(primary.port())));
            PrivateRedisServer replica = PrivateRedisServer.start(replicaArgs.toArray(String[]::new));
            nodes.add(replica);
            // The sentinels learn the replica from the primary's INFO when they connect: have it linked first.
            awaitCondition("replica " + replica.port() + " linked to primary " + primary.port(),
                    () -> isLinkedReplicaOf(replica, primary.port()), READY_TIMEOUT, replica::toString);
            RedisBinary binary = RedisBinary.resolve();
            for (int i = 0; i < SENTINELS; i++) {
                Path config = writeSentinelConfig(directory, i, primary.port(), password);
                sentinels.add(RedisProcess.startWithConfigFileOnFreePort(binary, config, List.of("--sentinel")));
            }
        } catch (RuntimeException e) {
            stopAll(sentinels, nodes);
            deleteDirectory(directory);
            throw e;
        }
        LocalSentinelSetup setup = new LocalSentinelSetup(directory, List.copyOf(nodes), List.copyOf(sentinels));
        try {
            setup.awaitComplete(READY_TIMEOUT);
        } catch (RuntimeException e) {
            setup.close();
            throw e;
        }
        log.info("Sentinel set-up ready: {}", setup);
        return setup;
    }

    /** Return the name the sentinels monitor the primary under, the fragment of {@link #uri()}. */
    public String masterName() {
        return MASTER_NAME;
    }

    /**
     * Return {@code redis-sentinel://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3#masterName}, the Sentinel URL form that
     * Lettuce and the toolkit's configuration accept; a client asks the sentinels for the current primary.
     */
    public String uri() {
        return "redis-sentinel://" + sentinelAddresses() + "#" + MASTER_NAME;
    }

    /**
     * Return {@code redis-sentinel://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3/db#masterName}.
     *
     * @throws IllegalArgumentException when {@code db} is negative
     */
    public String uri(int db) {
        if (db < 0) {
            throw new IllegalArgumentException("db must be >= 0: " + db);
        }
        return "redis-sentinel://" + sentinelAddresses() + "/" + db + "#" + MASTER_NAME;
    }

    /** Return the sentinels' ports, in start order. */
    public List<Integer> sentinelPorts() {
        return sentinels.stream().map(RedisProcess::port).toList();
    }

    /**
     * Return the port of the primary as the first answering sentinel reports it
     * ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}).
     *
     * @throws IllegalStateException when no sentinel answers
     */
    public int currentPrimaryPort() {
        checkOpen();
        return queries.primaryPort();
    }

    /**
     * Return the data node the sentinels currently call master. Right after the primary was killed and before the
     * failover, that is the dead node.
     */
    public PrivateRedisServer primary() {
        int port = currentPrimaryPort();
        return nodes.stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("sentinels report primary port " + port
                        + ", which is none of " + nodes));
    }

    /** Return the data node that is not {@link #primary()}: the replica, or the old primary after a failover. */
    public PrivateRedisServer replica() {
        PrivateRedisServer primary = primary();
        return nodes.stream().filter(node -> node != primary).findFirst().orElseThrow();
    }

    /**
     * Kill the current primary with SIGKILL and wait until every sentinel reports the replica as master.
     *
     * @param timeout the longest wait for the failover
     * @return the time from the kill until the last sentinel reported the replica's address
     * @throws IllegalStateException when the failover does not complete within {@code timeout}
     */
    public Duration killPrimaryAndAwaitFailover(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        PrivateRedisServer primary = primary();
        PrivateRedisServer replica = replica();
        long killedAt = System.nanoTime();
        primary.kill();
        awaitPrimary(replica.port(), timeout);
        Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
        log.info("Sentinels promoted replica {} {} ms after primary {} was killed", replica.port(),
                failover.toMillis(), primary.port());
        return failover;
    }

    /**
     * Wait until every sentinel reports the data node on {@code port} as master: after a test killed
     * {@link #primary()} itself, this is the end of the failover.
     *
     * @throws IllegalStateException when that does not happen within {@code timeout}
     */
    public void awaitPrimary(int port, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        awaitCondition("sentinels reporting " + port + " as master", () -> queries.allReportPrimary(port), timeout);
    }

    /**
     * Wait until every sentinel reports the same primary, the other data node runs as its replica with the link up,
     * and every sentinel lists that replica as not down: after the old primary was restarted, this is the moment the
     * sentinels have reconfigured it ({@code +convert-to-slave}). Sentinels wait about 10 s before they reconfigure a
     * restarted node that calls itself master, so allow at least 20 s.
     *
     * <p>The primary is read again on every poll: should the sentinels fail over once more meanwhile (a slow machine
     * can make them see the new primary as down), the wait ends when the set-up is whole again, whichever node is
     * primary then. Read {@link #primary()} and {@link #replica()} afterwards.
     *
     * @throws IllegalStateException when that does not happen within {@code timeout}
     */
    public void awaitReplicaInSync(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        long start = System.nanoTime();
        int[] inSync = new int[2];
        awaitCondition("data node in sync as the replica of the primary every sentinel reports", () -> {
            int primaryPort;
            try {
                primaryPort = queries.primaryPort();
            } catch (IllegalStateException noSentinelAnswers) {
                return false;
            }
            for (PrivateRedisServer replica : nodes) {
                if (replica.port() != primaryPort && isLinkedReplicaOf(replica, primaryPort)
                        && queries.allReportPrimary(primaryPort) && queries.allSeeHealthyReplica(replica.port())) {
                    inSync[0] = primaryPort;
                    inSync[1] = replica.port();
                    return true;
                }
            }
            return false;
        }, timeout);
        log.info("Replica {} in sync with primary {} after {} ms", inSync[1], inSync[0],
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /** Return the pids of the sentinels and data nodes running now, for tests of the kit. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        sentinels.stream().filter(RedisProcess::isAlive).forEach(s -> pids.add(s.pid()));
        nodes.stream().filter(PrivateRedisServer::isRunning).forEach(n -> pids.add(n.pid()));
        return pids;
    }

    /** Stop the sentinels first (so they start no failover), then both data nodes; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queries.close();
        stopAll(sentinels, nodes);
        deleteDirectory(directory);
    }

    /** Describe the set-up. */
    @Override
    public String toString() {
        return "LocalSentinelSetup[" + uri() + ", nodes " + nodes.stream().map(node -> String.valueOf(node.port()))
                .collect(Collectors.joining(",")) + (closed ? ", closed" : "") + "]";
    }

    private void awaitComplete(Duration timeout) {
        int primaryPort = nodes.get(0).port();
        int replicaPort = nodes.get(1).port();
        awaitCondition("sentinels " + sentinelPorts() + " seeing primary " + primaryPort + ", replica " + replicaPort
                + " and " + (SENTINELS - 1) + " other sentinels each",
                () -> queries.allReportPrimary(primaryPort) && queries.allSeeHealthyReplica(replicaPort)
                        && queries.allSeeOtherSentinels(SENTINELS - 1),
                timeout);
    }

    private String sentinelAddresses() {
        return sentinels.stream().map(s -> RedisProcess.HOST + ":" + s.port()).collect(Collectors.joining(","));
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void awaitCondition(String what, BooleanSupplier condition, Duration timeout) {
        awaitCondition(what, condition, timeout, this::describeState);
    }

    private static void awaitCondition(String what, BooleanSupplier condition, Duration timeout,
            Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no " + what + " within " + timeout + state.get());
            }
            try {
                Thread.sleep(POLL_MILLIS); // allowed-blocking: test kit polling its own servers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private String describeState() {
        StringBuilder state = new StringBuilder();
        for (RedisProcess sentinel : sentinels) {
            state.append("\n  sentinel ").append(sentinel.port()).append(": ")
                    .append(queries.describe(sentinel.port())).append("\n    log: ").append(sentinel.logTail());
        }
        return state.toString();
    }

    private static boolean isLinkedReplicaOf(PrivateRedisServer replica, int primaryPort) {
        if (!replica.isRunning()) {
            return false;
        }
        try {
            Map<String, String> info = parseInfo(replica.sync(0).info("replication"));
            return "slave".equals(info.get("role")) && String.valueOf(primaryPort).equals(info.get("master_port"))
                    && "up".equals(info.get("master_link_status"));
        } catch (RuntimeException notAnswering) {
            return false;
        }
    }

    private static Map<String, String> parseInfo(String info) {
        return Stream.of(info.split("\r\n")).filter(line -> line.indexOf(':') > 0)
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
                        line -> line.substring(line.indexOf(':') + 1), (a, b) -> b));
    }

    /**
     * Arguments of a data node. Full syncs go over the socket on both ends and start at once, so that no node ever
     * writes a {@code dump.rdb} (a restarted node would load it, and other servers sharing the working directory
     * too): a restarted node comes back empty, as persistence is off. Each node also gets a directory of its own.
     * The caller's arguments come last and may override these.
     */
    private static String[] nodeArgs(Path directory, String name, String... extraServerArgs) {
        Path dir = directory.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--repl-diskless-sync", "yes",
                "--repl-diskless-sync-delay", "0", "--repl-diskless-load", "swapdb"));
        args.addAll(List.of(extraServerArgs));
        return args.toArray(String[]::new);
    }

    private static Path writeSentinelConfig(Path directory, int index, int primaryPort, @Nullable String password) {
        String config = String.join("\n",
                "sentinel monitor " + MASTER_NAME + " " + RedisProcess.HOST + " " + primaryPort + " " + QUORUM,
                "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
                "sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT.toMillis(),
                "sentinel parallel-syncs " + MASTER_NAME + " 1",
                password == null ? "" : "sentinel auth-pass " + MASTER_NAME + " \"" + password + "\"",
                "");
        Path file = directory.resolve("sentinel-" + index + ".conf");
        try {
            Files.writeString(file, config, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    private static Path createDirectory() {
        try {
            Path directory = Files.createTempDirectory("symphony-sentinel-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for the sentinel configs", e);
        }
    }

    private static void stopAll(List<RedisProcess> sentinels, List<PrivateRedisServer> nodes) {
        sentinels.forEach(RedisProcess::shutdown);
        nodes.forEach(PrivateRedisServer::close);
    }

    private static void deleteDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Could not delete {} ({}); it is deleted at JVM exit", directory, e.toString());
        }
    }
}
