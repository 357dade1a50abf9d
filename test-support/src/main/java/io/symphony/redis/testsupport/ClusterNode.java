package io.symphony.redis.testsupport;

import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One {@code redis-server} node process of a {@link LocalRedisCluster}.
 *
 * <p>The node keeps its port, its working directory and its {@code nodes.conf} across {@link #kill()} and
 * {@link #restart()}, so a restarted node rejoins the cluster under the same node id (with an empty data set:
 * persistence is off, it resynchronises from its primary). Its role can change through failover: ask
 * {@link #isPrimary()}, do not cache it.
 *
 * <p>Instances are thread-safe.
 */
public final class ClusterNode {

    private final Path dir;
    private final AssertionConnections connections;
    private final String nodeId;
    private RedisProcess process;

    private ClusterNode(Path dir, RedisProcess process) {
        this.dir = dir;
        this.process = process;
        this.connections = new AssertionConnections("redis://" + RedisProcess.HOST + ":" + process.port());
        this.nodeId = connections.sync(0).clusterMyId();
    }

    /** Start a cluster-enabled node in {@code dir} (its working directory, log and {@code nodes.conf}). */
    static ClusterNode start(RedisBinary binary, List<String> args, IntSupplier ports, Path dir) {
        RedisProcess process = RedisProcess.startInDirectory(binary, args, ports, dir);
        try {
            return new ClusterNode(dir, process);
        } catch (RuntimeException e) {
            process.kill();
            throw new IllegalStateException("node on port " + process.port() + " did not answer CLUSTER MYID: "
                    + e + "; last output:\n    " + process.logTail(), e);
        }
    }

    /** Return the port, which stays the same across {@link #restart()}. */
    public synchronized int port() {
        return process.port();
    }

    /** Return the address the node binds to and announces, {@code 127.0.0.1}. */
    public String host() {
        return RedisProcess.HOST;
    }

    /** Return the node id ({@code CLUSTER MYID}), which stays the same across {@link #restart()}. */
    public String nodeId() {
        return nodeId;
    }

    /** Return the pid of the current process; it changes with every {@link #restart()}. */
    public synchronized long pid() {
        return process.pid();
    }

    /** Tell whether the process is alive. */
    public synchronized boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Tell whether the node is a primary now, by its own {@code INFO replication} role; {@code false} when it is not
     * running. A node that has just restarted may call itself primary until it hears of the failover.
     */
    public boolean isPrimary() {
        if (!isRunning()) {
            return false;
        }
        return connections.sync(0).info("replication").contains("role:master");
    }

    /**
     * Return raw synchronous commands on a plain (not cluster-aware) connection to this node, DB 0, cached until the
     * node is killed, restarted or its cluster closed. Key commands for slots the node does not serve fail with
     * {@code MOVED}. Commands fail fast while the node is down.
     */
    public RedisCommands<String, String> sync() {
        return connections.sync(0);
    }

    /**
     * Kill the process with SIGKILL (no shutdown, no reply to clients, no failover hand-over), wait until it has
     * exited, and close the cached connections. Does nothing but close the connections when it is already down.
     */
    public synchronized void kill() {
        connections.close();
        process.kill();
    }

    /**
     * Start the node again on the same port with the same arguments and {@code nodes.conf}, stopping it first
     * ({@code SHUTDOWN NOSAVE}) if it runs, and wait until it answers PING. It comes back with no data and rejoins
     * the cluster as the same node id; {@link LocalRedisCluster#awaitHealthy} waits until it has. Restart a killed
     * primary only after its replica has taken over ({@code awaitHealthy}): restarted earlier, it still owns its
     * slots, now empty, and its replica resynchronises to that empty data set.
     *
     * @throws IllegalStateException when the port was taken meanwhile or the node does not answer PING in time
     */
    public synchronized void restart() {
        connections.close();
        process.shutdown();
        process = process.restart();
    }

    /** Stop the process (SIGKILL: the data is a test's) and close the connections. */
    synchronized void stop() {
        connections.close();
        process.kill();
    }

    /** Return the directory holding the node's {@code nodes.conf} and log. */
    Path dir() {
        return dir;
    }

    /** Return the last lines of the node's log, for error messages. */
    synchronized String logTail() {
        return process.logTail();
    }

    /** Describe the node: address, id and pid. */
    @Override
    public synchronized String toString() {
        return "ClusterNode[" + host() + ":" + port() + ", id " + nodeId + ", pid " + process.pid()
                + (process.isAlive() ? "" : ", down") + "]";
    }
}
