package io.symphony.redis.testsupport;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real local Redis Cluster of {@code redis-server} processes on free loopback ports (no Docker, no
 * {@code redis-cli}).
 *
 * <p>It runs the binary private servers run ({@code SYMPHONY_TEST_REDIS_BINARY}, else {@code redis-server} on
 * {@code PATH}, else the embedded-redis 6.2 binary), with persistence off. Each node has its own directory (working
 * directory, log, {@code nodes.conf}) in one temp directory per cluster, so that a killed and restarted node rejoins
 * under the same node id. The cluster is formed by commands sent from Java: slots are assigned with
 * {@code CLUSTER ADDSLOTS}, distinct config epochs with {@code CLUSTER SET-CONFIG-EPOCH}, the nodes are introduced
 * with {@code CLUSTER MEET}, and replicas attached with {@code CLUSTER REPLICATE}.
 *
 * <p>Node settings (each may be overridden through {@code extraArgs}, except those marked fixed):
 * <ul>
 *   <li>{@code cluster-enabled yes}, {@code cluster-config-file <node dir>/nodes.conf} (fixed), and the cluster
 *       bus on port + 10000 (fixed: Redis 6.2 has no {@code cluster-port});
 *   <li>{@code cluster-node-timeout 1000}: a killed primary is failed over in about 2.5 s;
 *   <li>{@code cluster-replica-validity-factor 0}: a replica always attempts failover however long its link has
 *       been down, so a test's failover never depends on how busy the machine was;
 *   <li>{@code repl-diskless-sync-delay 0}: a replica's full sync starts at once instead of after Redis 7's default
 *       5 s wait for more replicas;
 *   <li>{@code cluster-require-full-coverage} is left at Redis's default {@code yes}, as in production: once a
 *       killed primary is marked FAIL (about 1 s after the kill) every node refuses commands with
 *       {@code CLUSTERDOWN} until its replica has taken over, so tests see the real outage.
 * </ul>
 *
 * <p>A primary reports {@code cluster_state:ok} only 2 s after it started (Redis's rejoin delay), which bounds the
 * start time from below; {@link #start} takes about 2.2 s on a quiet machine.
 *
 * <p>Instances are thread-safe. Stop with {@link #close()}; a cluster left open is stopped (by pid) and its temp
 * directory deleted at JVM exit.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRedisCluster.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;
    private static final Set<String> FIXED = Set.of("--port", "--bind", "--daemonize", "--cluster-enabled",
            "--cluster-config-file", "--cluster-port");
    private static final int BUS_PORT_OFFSET = 10_000;
    // Below Linux's ephemeral range (32768+), and so is the bus port: clients' outgoing sockets cannot take them.
    private static final int MIN_PORT = 11_000;
    private static final int MAX_PORT = 22_000;
    private static final int PORT_DRAWS = 100;

    private static final Set<LocalRedisCluster> OPEN = ConcurrentHashMap.newKeySet();
    private static @Nullable LocalRedisCluster shared;

    static {
        // ProcessReaper would stop the nodes anyway; this also deletes the temp directories of unclosed clusters.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(LocalRedisCluster::stop),
                "symphony-test-redis-clusters"));
    }

    private final Path dir;
    private final List<ClusterNode> nodes;
    private final boolean isShared;
    private @Nullable RedisClusterClient client;
    private @Nullable StatefulRedisClusterConnection<String, String> connection;
    private boolean closed;

    private LocalRedisCluster(Path dir, List<ClusterNode> nodes, boolean isShared) {
        this.dir = dir;
        this.nodes = List.copyOf(nodes);
        this.isShared = isShared;
    }

    /**
     * Start {@code primaries} primaries with {@code replicasPerPrimary} replicas each and return when every slot is
     * served, every node reports {@code cluster_state:ok} and knows every other, and every replica is in sync.
     * Nodes start in the order primaries first, then replicas, replica {@code i} following primary
     * {@code i % primaries}; each gets {@code extraArgs} too, e.g. {@code "--notify-keyspace-events", "Ex"}.
     *
     * @throws IllegalArgumentException when {@code primaries < 3}, {@code replicasPerPrimary < 0}, or extraArgs set
     *     {@code --port}, {@code --bind}, {@code --daemonize}, {@code --cluster-enabled},
     *     {@code --cluster-config-file} or {@code --cluster-port}
     * @throws IllegalStateException when a node does not start or the cluster is not healthy within 60 s; the
     *     nodes started so far are stopped
     */
    public static LocalRedisCluster start(int primaries, int replicasPerPrimary, String... extraArgs) {
        return start(primaries, replicasPerPrimary, false, extraArgs);
    }

    /**
     * Return the cluster shared by every test of this JVM: 3 primaries with one replica each, started with
     * {@code --notify-keyspace-events Ex --hz 100} on first use and stopped at JVM exit; {@link #close()} on it does
     * nothing. Tests must not kill, restart or reconfigure its nodes (use {@link #start} for that) and should
     * isolate their keys rather than flush it.
     */
    public static synchronized LocalRedisCluster shared() {
        if (shared == null) {
            shared = start(3, 1, true, "--notify-keyspace-events", "Ex", "--hz", "100");
        }
        return shared;
    }

    private static LocalRedisCluster start(int primaries, int replicasPerPrimary, boolean isShared,
            String... extraArgs) {
        if (primaries < 3) {
            throw new IllegalArgumentException("a cluster needs at least 3 primaries to fail over: " + primaries);
        }
        if (replicasPerPrimary < 0) {
            throw new IllegalArgumentException("replicasPerPrimary must be >= 0: " + replicasPerPrimary);
        }
        Objects.requireNonNull(extraArgs, "extraArgs");
        for (String arg : extraArgs) {
            if (FIXED.contains(arg)) {
                throw new IllegalArgumentException(arg + " is set by the cluster test kit and cannot be overridden");
            }
        }
        long startedAt = System.nanoTime();
        RedisBinary binary = RedisBinary.resolve();
        Path dir = createTempDir();
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            int count = primaries * (1 + replicasPerPrimary);
            for (int i = 0; i < count; i++) {
                Path nodeDir = Files.createDirectory(dir.resolve("node-" + i));
                nodes.add(ClusterNode.start(binary, nodeArgs(nodeDir, extraArgs), LocalRedisCluster::drawPort,
                        nodeDir));
            }
            LOG.debug("Started {} cluster nodes in {} ms", count, (System.nanoTime() - startedAt) / 1_000_000);
            LocalRedisCluster cluster = new LocalRedisCluster(dir, nodes, isShared);
            cluster.form(primaries);
            OPEN.add(cluster);
            LOG.info("Started a Redis Cluster of {} primaries and {} replicas ({}) in {} ms: {}", primaries,
                    count - primaries, binary.source(), (System.nanoTime() - startedAt) / 1_000_000, cluster.uri());
            return cluster;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(ClusterNode::stop);
            deleteTree(dir);
            throw e instanceof IOException io ? new UncheckedIOException("could not start a cluster in " + dir, io)
                    : (RuntimeException) e;
        }
    }

    private static List<String> nodeArgs(Path nodeDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                nodeDir.resolve("nodes.conf").toAbsolutePath().toString(), "--cluster-node-timeout", "1000",
                "--cluster-replica-validity-factor", "0", "--repl-diskless-sync-delay", "0"));
        args.addAll(List.of(extraArgs));
        return args;
    }

    /** Assign slots and epochs, introduce the nodes to each other, attach the replicas, and wait for health. */
    private void form(int primaries) {
        for (int i = 0; i < primaries; i++) {
            int from = i * ClusterHealth.SLOTS / primaries;
            int to = (i + 1) * ClusterHealth.SLOTS / primaries;
            nodes.get(i).sync().clusterAddSlots(IntStream.range(from, to).toArray());
        }
        // Distinct epochs up front, as redis-cli does: otherwise the nodes resolve their epoch collisions one by one.
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).sync().clusterSetConfigEpoch(i + 1);
        }
        // Every pair meets directly: waiting for gossip to spread one introduction takes about a second longer.
        for (int i = 0; i < nodes.size(); i++) {
            for (ClusterNode other : nodes.subList(i + 1, nodes.size())) {
                nodes.get(i).sync().clusterMeet(other.host(), other.port());
            }
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long meetAt = System.nanoTime();
        awaitCondition(deadline, this::meetProblem);
        LOG.debug("All {} nodes know each other after {} ms", nodes.size(), (System.nanoTime() - meetAt) / 1_000_000);
        for (int i = primaries; i < nodes.size(); i++) {
            nodes.get(i).sync().clusterReplicate(nodes.get(i % primaries).nodeId());
        }
        long replicateAt = System.nanoTime();
        awaitCondition(deadline, () -> ClusterHealth.problem(nodes));
        LOG.debug("Cluster healthy {} ms after CLUSTER REPLICATE", (System.nanoTime() - replicateAt) / 1_000_000);
    }

    private Optional<String> meetProblem() {
        for (ClusterNode node : nodes) {
            String known = node.sync().clusterNodes();
            long handshaking = known.lines().filter(line -> line.contains("handshake")).count();
            long count = known.lines().filter(line -> !line.isBlank()).count();
            if (count != nodes.size() || handshaking > 0) {
                return Optional.of(node + " knows " + (count - handshaking) + " of " + nodes.size() + " nodes");
            }
        }
        return Optional.empty();
    }

    /**
     * Return {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...} listing every node in start order, the toolkit's
     * cluster URL form.
     */
    public String uri() {
        return nodes.stream().map(node -> node.host() + ":" + node.port())
                .collect(Collectors.joining(",", "redis-cluster://", ""));
    }

    /**
     * Return cached cluster-aware synchronous commands, for assertions: keys are routed to the primary of their
     * slot. The client refreshes its topology every second and on every {@code MOVED}, {@code ASK} or reconnect, so
     * it follows failovers. Commands for a node that is down wait for a reconnect or a new topology (Lettuce
     * connects to nodes lazily, so rejecting commands while disconnected would also reject the first command for
     * every node) and time out after 10 s.
     *
     * @throws IllegalStateException when the cluster is closed
     */
    public synchronized RedisAdvancedClusterCommands<String, String> sync() {
        checkOpen();
        if (connection == null) {
            List<RedisURI> seeds = nodes.stream().map(node -> RedisURI.create(node.host(), node.port())).toList();
            RedisClusterClient created = RedisClusterClient.create(AssertionConnections.sharedResources(), seeds);
            // Lettuce 7 enables every adaptive trigger (MOVED, ASK, reconnects, uncovered slot, unknown node) by
            // default; the 30 s default rate limit would hide a second failover within a test.
            created.setOptions(ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(1))
                            .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                            .build())
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                    .timeoutOptions(TimeoutOptions.enabled(AssertionConnections.COMMAND_TIMEOUT))
                    .build());
            client = created;
            connection = created.connect();
        }
        return connection.sync();
    }

    /** Return every node, in start order (primaries first as started; roles change with failover). */
    public List<ClusterNode> nodes() {
        return nodes;
    }

    /**
     * Return the nodes that are primaries now and serve slots, in start order, as the running nodes say of
     * themselves (a restarted old primary that still claims its slots loses to the newer config epoch).
     */
    public List<ClusterNode> primaries() {
        Set<ClusterNode> owners = new LinkedHashSet<>();
        for (ClusterNode owner : ClusterHealth.selfDeclaredOwners(nodes)) {
            if (owner != null) {
                owners.add(owner);
            }
        }
        return nodes.stream().filter(owners::contains).toList();
    }

    /**
     * Return the node that is primary now for the hash slot of {@code key} (hash tags count).
     *
     * @throws IllegalStateException when no running node serves that slot (e.g. during a failover)
     */
    public ClusterNode primaryOf(String key) {
        int slot = SlotHash.getSlot(key);
        ClusterNode owner = ClusterHealth.selfDeclaredOwners(nodes)[slot];
        if (owner == null) {
            throw new IllegalStateException("no running node serves slot " + slot + " of key " + key);
        }
        return owner;
    }

    /**
     * Wait until every slot is served by a running primary, every running node reports {@code cluster_state:ok},
     * knows every node, sees no running node failing and agrees with the others on slots and roles, and every
     * running replica's link is up; then make {@link #sync()}'s client reload the topology, so that its next
     * command goes to the new primaries. Return how long the wait took (without the reload).
     *
     * @throws IllegalStateException naming what was still wrong when {@code timeout} passes
     */
    public Duration awaitHealthy(Duration timeout) {
        long startedAt = System.nanoTime();
        awaitCondition(startedAt + timeout.toNanos(), () -> ClusterHealth.problem(nodes));
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        refreshClientTopology();
        return took;
    }

    // The client refreshes every second by itself; a command sent before that would be queued on the dead node.
    private synchronized void refreshClientTopology() {
        if (client != null) {
            client.refreshPartitions();
        }
    }

    /** Send {@code FLUSHALL} to every primary; the replicas follow through replication. */
    public void flushAll() {
        primaries().forEach(node -> node.sync().flushall());
    }

    /**
     * Stop every node by its pid (SIGKILL: the data is the test's), close {@link #sync()}'s client and delete the
     * cluster's temp directory; calling it again does nothing. Does nothing on the {@link #shared()} cluster, which
     * stops at JVM exit.
     */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private void stop() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        OPEN.remove(this);
        try {
            closeClient();
        } finally {
            nodes.forEach(ClusterNode::stop);
            deleteTree(dir);
        }
    }

    private synchronized void closeClient() {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            connection = null;
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                client = null;
            }
        }
    }

    /** Describe the cluster: its URI and whether it is closed. */
    @Override
    public synchronized String toString() {
        return "LocalRedisCluster[" + uri() + (closed ? ", closed" : "") + "]";
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void awaitCondition(long deadline, Supplier<Optional<String>> problem) {
        long startedAt = System.nanoTime();
        String previous = null;
        while (true) {
            Optional<String> current = problem.get();
            if (LOG.isTraceEnabled() && !Objects.equals(previous, current.orElse(null))) {
                LOG.trace("{} ms: {}", (System.nanoTime() - startedAt) / 1_000_000, current.orElse("healthy"));
                previous = current.orElse(null);
            }
            if (current.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("cluster " + uri() + " not healthy in time: " + current.get()
                        + logTails());
            }
            try {
                Thread.sleep(POLL_MILLIS); // allowed-blocking: test kit polling its own servers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + uri() + ": " + current.get(), e);
            }
        }
    }

    private String logTails() {
        StringBuilder tails = new StringBuilder();
        for (ClusterNode node : nodes) {
            tails.append("\n  ").append(node).append(" last output:\n    ").append(node.logTail());
        }
        return tails.toString();
    }

    /** Draw a port that is free now together with its cluster bus port (port + 10000, fixed in Redis 6.2). */
    private static int drawPort() {
        for (int draw = 0; draw < PORT_DRAWS; draw++) {
            int port = ThreadLocalRandom.current().nextInt(MIN_PORT, MAX_PORT);
            if (isFree(port) && isFree(port + BUS_PORT_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair (p, p + 10000) in [" + MIN_PORT + ", " + MAX_PORT
                + ") after " + PORT_DRAWS + " draws");
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(RedisProcess.HOST))) {
            return probe.isBound();
        } catch (IOException taken) {
            return false;
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("symphony-redis-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp directory for a cluster", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the cluster directory {}: {}", dir, e.toString());
        }
    }
}
