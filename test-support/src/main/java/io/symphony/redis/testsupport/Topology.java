package io.symphony.redis.testsupport;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis deployments an integration suite runs on, each with the JVM-wide shared server behind it and the raw
 * connections a test arranges and asserts through; {@link OnEveryTopology} runs a test class once per constant.
 *
 * <p>Raw connections are typed {@link RedisClusterCommands}, the supertype of Lettuce's standalone
 * {@code RedisCommands} and of the cluster-aware {@code RedisAdvancedClusterCommands}, so one assertion reads the
 * same on both: on {@link #CLUSTER} a command is routed by its key's slot and the multi-key commands {@code MSET},
 * {@code DEL} and {@code EXISTS} are split per slot. The connections are cached and shared by every caller: do
 * not close them and do not change their state ({@code SELECT}, {@code MULTI}, {@code CLIENT SETNAME}).
 *
 * <p>Each constant starts its server lazily, on first use: {@link TestRedis#shared()} or
 * {@link LocalRedisCluster#shared()}. Neither may be flushed, killed or reconfigured by a test; isolate with
 * {@link TestRedis#uniqueTenant(String)}. A test that needs a server of its own (keyspace events, a kill) starts a
 * {@link PrivateRedisServer} or a {@link LocalRedisCluster} itself: that is a fixture choice, the topology stays
 * the same.
 */
public enum Topology {

    /** The shared standalone server ({@link TestRedis#shared()}): numbered DBs, one node. */
    STANDALONE {
        @Override
        public String url() {
            return TestRedis.shared().uri();
        }

        @Override
        public RedisClusterCommands<String, String> raw(int standaloneDb) {
            return TestRedis.shared().sync(standaloneDb);
        }

        @Override
        public List<? extends RedisClusterCommands<String, String>> primaries() {
            return List.of(TestRedis.shared().sync(0));
        }

        @Override
        public RedisClusterCommands<String, String> nodeOf(String key, int standaloneDb) {
            return raw(standaloneDb);
        }

        @Override
        public List<String> nodeUris() {
            return List.of(TestRedis.shared().uri());
        }

        @Override
        public String nodeAddressOf(String key) {
            return TestRedis.shared().host() + ":" + TestRedis.shared().port();
        }
    },

    /**
     * The shared local Redis Cluster ({@link LocalRedisCluster#shared()}: 3 primaries with one replica each,
     * keyspace events {@code Ex}, {@code hz 100}): DB 0 only, keys spread over the primaries by slot.
     */
    CLUSTER {
        @Override
        public String url() {
            return LocalRedisCluster.shared().uri();
        }

        @Override
        public RedisClusterCommands<String, String> raw(int standaloneDb) {
            return LocalRedisCluster.shared().sync();
        }

        @Override
        public List<? extends RedisClusterCommands<String, String>> primaries() {
            return LocalRedisCluster.shared().primaries().stream().map(ClusterNode::sync).toList();
        }

        @Override
        public RedisClusterCommands<String, String> nodeOf(String key, int standaloneDb) {
            return LocalRedisCluster.shared().primaryOf(key).sync();
        }

        @Override
        public List<String> nodeUris() {
            return LocalRedisCluster.shared().nodes().stream()
                    .map(node -> "redis://" + node.host() + ":" + node.port()).toList();
        }

        @Override
        public String nodeAddressOf(String key) {
            ClusterNode node = LocalRedisCluster.shared().primaryOf(key);
            return node.host() + ":" + node.port();
        }
    };

    /**
     * Return the URL the toolkit connects with: {@code redis://[userinfo@]host:port} without a DB on standalone,
     * {@code redis-cluster://h1:p1,h2:p2,...} (every node) on Cluster. It may carry a password: never log it.
     */
    public abstract String url();

    /**
     * Return raw commands on DB {@code standaloneDb} of the standalone server, or the cluster-aware commands on
     * Cluster, where every DB number means DB 0 and {@code standaloneDb} is ignored.
     *
     * @throws IllegalArgumentException on standalone when {@code standaloneDb} is negative
     */
    public abstract RedisClusterCommands<String, String> raw(int standaloneDb);

    /**
     * Return one plain connection per primary, in start order (the one server, DB 0, on standalone), for facts
     * that each node keeps for itself: {@code INFO}, {@code CLIENT LIST}, {@code SCRIPT EXISTS}.
     */
    public abstract List<? extends RedisClusterCommands<String, String>> primaries();

    /**
     * Return a plain connection to the primary that owns {@code key}'s slot; on standalone the server itself, on
     * DB {@code standaloneDb}. Unlike {@link #raw(int)}, it reaches only that node on Cluster: a key of another
     * slot answers {@code MOVED}.
     */
    public abstract RedisClusterCommands<String, String> nodeOf(String key, int standaloneDb);

    /** Return {@code redis://host:port} of every node, replicas included (the one server on standalone). */
    public abstract List<String> nodeUris();

    /** Return {@code host:port} of the primary that owns {@code key}'s slot (the server itself on standalone). */
    public abstract String nodeAddressOf(String key);

    /** Tell whether this is {@link #CLUSTER}. */
    public boolean isCluster() {
        return this == CLUSTER;
    }

    /**
     * Skip the calling test (JUnit assumption) on {@link #CLUSTER}, reporting {@code "standalone only: " + reason}.
     * Use it for what Cluster cannot do at all (numbered DBs, {@code MULTI} across slots), not to hide a failure.
     */
    public void assumeStandalone(String reason) {
        Assumptions.assumeFalse(isCluster(), () -> "standalone only: " + reason);
    }

    /** Skip the calling test (JUnit assumption) on {@link #STANDALONE}, reporting {@code "Cluster only: " + reason}. */
    public void assumeCluster(String reason) {
        Assumptions.assumeTrue(isCluster(), () -> "Cluster only: " + reason);
    }
}
