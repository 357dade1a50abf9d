package io.symphony.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.testsupport.ClusterNode;
import io.symphony.redis.testsupport.LocalRedisCluster;
import io.symphony.redis.testsupport.TestRedis;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis deployments the core integration tests run on, with the raw connections they assert through.
 *
 * <p>Raw connections are typed {@link RedisClusterCommands}, the supertype of Lettuce's standalone
 * {@code RedisCommands} and of the cluster-aware {@code RedisAdvancedClusterCommands}, so one assertion reads the
 * same on both: on Cluster it is routed by the key's slot, and multi-key commands ({@code MSET}, {@code DEL},
 * {@code EXISTS}) are split per slot. Each topology starts lazily on first use: the shared test server, or the
 * JVM-wide {@link LocalRedisCluster#shared()} (3 primaries, one replica each; never killed or reconfigured here).
 */
public enum TestTopology {

    /** The shared standalone server of the test kit; aliases get numbered DBs. */
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

    /** The JVM-wide shared local Redis Cluster; every alias uses DB 0. */
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

    /** The toolkit URL: {@code redis://host:port} without a DB, or {@code redis-cluster://h1:p1,h2:p2,...}. */
    public abstract String url();

    /** Raw commands on {@code standaloneDb}; on Cluster the cluster-aware commands (DB 0). Do not change state. */
    public abstract RedisClusterCommands<String, String> raw(int standaloneDb);

    /** One plain connection per primary (the one server when standalone), for per-node facts such as INFO. */
    public abstract List<? extends RedisClusterCommands<String, String>> primaries();

    /** A plain connection to the node that owns {@code key} (the server itself when standalone). */
    public abstract RedisClusterCommands<String, String> nodeOf(String key, int standaloneDb);

    /** {@code redis://host:port} of every node, replicas included (the one server when standalone). */
    public abstract List<String> nodeUris();

    /** {@code host:port} of the node that owns {@code key} (the server itself when standalone). */
    public abstract String nodeAddressOf(String key);

    /** Whether this is the Cluster. */
    public boolean isCluster() {
        return this == CLUSTER;
    }

    /** Skip the calling test on Cluster, saying why it only makes sense on a standalone server. */
    public void assumeStandalone(String why) {
        Assumptions.assumeFalse(isCluster(), () -> "standalone only: " + why);
    }

    /** Skip the calling test unless on Cluster. */
    public void assumeCluster(String why) {
        Assumptions.assumeTrue(isCluster(), () -> "Cluster only: " + why);
    }

    /**
     * How many times the primaries ran {@code command} (lowercase, e.g. {@code scan}), summed over them, from
     * {@code INFO commandstats}. Replicas are left out: they count the writes they replicate.
     */
    public long commandCalls(String command) {
        return primaries().stream().mapToLong(node -> commandCalls(node, command)).sum();
    }

    /** How many times {@code node} ran {@code command} (lowercase), from {@code INFO commandstats}. */
    public static long commandCalls(RedisClusterCommands<String, String> node, String command) {
        Matcher matcher = Pattern.compile("cmdstat_" + Pattern.quote(command) + ":calls=(\\d+)")
                .matcher(node.info("commandstats"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
