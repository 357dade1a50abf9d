package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.ClusterNode;
import io.symphony.redis.testsupport.LocalRedisCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node that is down but not flagged failed yet (the cluster takes {@code cluster-node-timeout}, 15 s by default,
 * to flag it) must not stop the runtime from starting: it is skipped with a warning, like a node already flagged
 * failed. Its flags would be lost on restart anyway, and the expiry listener checks each primary it subscribes.
 */
@Tag("integration")
@Tag("cluster")
class ClusterKeyspaceBootstrapDownNodeIntegrationTests {

    private static final String PARAMETER = "notify-keyspace-events";

    @Test
    void bootstrap_skipsADownReplicaTheClusterHasNotFlaggedYet() {
        // A node timeout no test here reaches: the killed replica stays unflagged in every node's view.
        try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 1, "--cluster-node-timeout", "60000")) {
            ClusterNode dead = cluster.nodes().stream().filter(node -> !node.isPrimary()).findFirst().orElseThrow();
            dead.kill();
            List<ClusterNode> live = cluster.nodes().stream().filter(ClusterNode::isRunning).toList();
            assertThat(live.get(0).sync().clusterNodes().lines().filter(line -> line.startsWith(dead.nodeId()))
                    .findFirst().orElseThrow()).as("not flagged").doesNotContain("fail");

            SymphonyRuntime runtime = SymphonyRuntime.create(SymphonyRedisConfig.fromUrl(cluster.uri()))
                    .block(Duration.ofSeconds(30));
            runtime.close().block(Duration.ofSeconds(10));

            assertThat(live).hasSize(5).allSatisfy(node -> assertThat(node.sync().configGet(PARAMETER).get(PARAMETER))
                    .as("%s", node).contains("E", "x"));
        }
    }
}
