package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.ClusterNode;
import io.symphony.redis.testsupport.LocalRedisCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The keyspace-event bootstrap on a real Cluster: {@code CONFIG} acts on one node, so the flags must be set on every
 * primary and every replica (a replica promoted by a failover must emit expired events too).
 *
 * <p>Uses a private cluster started without {@code notify-keyspace-events}, because the tests reconfigure its nodes
 * and finally kill a replica, which the JVM-wide shared cluster must never see.
 */
@Tag("integration")
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterKeyspaceBootstrapIntegrationTests {

    private static final String PARAMETER = "notify-keyspace-events";

    private static LocalRedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalRedisCluster.start(3, 1);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static void startAndClose(SymphonyRedisConfig config) {
        SymphonyRuntime runtime = SymphonyRuntime.create(config).block(Duration.ofSeconds(20));
        runtime.close().block(Duration.ofSeconds(10));
    }

    private static String flags(ClusterNode node) {
        return node.sync().configGet(PARAMETER).get(PARAMETER);
    }

    private static ClusterNode aReplica() {
        return cluster.nodes().stream().filter(node -> !node.isPrimary()).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void bootstrap_setsFlagsOnEveryPrimaryAndReplica_keepingTheirOwn() {
        ClusterNode replica = aReplica();
        replica.sync().configSet(PARAMETER, "Kg");

        startAndClose(SymphonyRedisConfig.builder().url(cluster.uri()).keyspaceEvents(false).build());

        assertThat(cluster.nodes()).filteredOn(node -> node != replica).allSatisfy(node -> assertThat(flags(node))
                .as("bootstrap off: %s untouched", node).isEmpty());

        startAndClose(SymphonyRedisConfig.fromUrl(cluster.uri()));

        assertThat(cluster.nodes()).hasSize(6);
        assertThat(cluster.nodes()).filteredOn(node -> !node.isPrimary()).hasSize(3);
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(flags(node)).as("%s", node).contains("E", "x"));
        assertThat(flags(replica)).as("the replica's own flags are kept").contains("K", "g");
    }

    @Test
    @Order(2)
    void bootstrap_withPooledStrategy_reachesEveryNodeToo() {
        cluster.nodes().forEach(node -> node.sync().configSet(PARAMETER, ""));

        startAndClose(SymphonyRedisConfig.builder().url(cluster.uri()).connectionStrategy(ConnectionStrategy.POOLED)
                .poolSize(2).build());

        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(flags(node)).as("%s", node).contains("E", "x"));
    }

    /** A replica the cluster has marked failed is skipped with a warning; start-up does not wait for it. */
    @Test
    @Order(3)
    void bootstrap_skipsAReplicaTheClusterMarkedFailed() {
        cluster.nodes().forEach(node -> node.sync().configSet(PARAMETER, ""));
        ClusterNode dead = aReplica();
        dead.kill();
        List<ClusterNode> live = cluster.nodes().stream().filter(ClusterNode::isRunning).toList();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(live).allSatisfy(node -> assertThat(
                node.sync().clusterNodes().lines().filter(line -> line.startsWith(dead.nodeId())).findFirst()
                        .orElseThrow()).contains("fail").doesNotContain("fail?")));

        startAndClose(SymphonyRedisConfig.fromUrl(cluster.uri()));

        assertThat(live).hasSize(5).allSatisfy(node -> assertThat(flags(node)).as("%s", node).contains("E", "x"));
    }
}
