package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Tag("integration")
class LocalRedisClusterIntegrationTests {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRedisClusterIntegrationTests.class);

    @Test
    void shared_servesKeysOnEveryPrimary_throughTheClusterClient() {
        LocalRedisCluster cluster = LocalRedisCluster.shared();

        List<ClusterNode> primaries = cluster.primaries();
        assertThat(primaries).hasSize(3);
        assertThat(cluster.nodes()).hasSize(6);
        Map<ClusterNode, String> keyOn = new HashMap<>();
        for (int i = 0; keyOn.size() < primaries.size(); i++) {
            String key = "kit-" + i;
            keyOn.putIfAbsent(cluster.primaryOf(key), key);
        }
        keyOn.forEach((node, key) -> cluster.sync().set(key, "on-" + node.port()));

        keyOn.forEach((node, key) -> {
            assertThat(cluster.sync().get(key)).isEqualTo("on-" + node.port());
            assertThat(node.sync().get(key)).as("stored on the primary of its slot").isEqualTo("on-" + node.port());
        });
        for (ClusterNode node : cluster.nodes()) {
            assertThat(node.sync().clusterInfo()).contains("cluster_state:ok", "cluster_slots_assigned:16384",
                    "cluster_known_nodes:6");
        }
        assertThat(cluster.uri()).startsWith("redis-cluster://127.0.0.1:")
                .contains(cluster.nodes().stream().map(n -> "127.0.0.1:" + n.port()).toList());
        assertThat(LocalRedisCluster.shared()).isSameAs(cluster);
    }

    @Test
    void shared_hasTheKeyspaceEventSettings_andReplicasInSync() {
        LocalRedisCluster cluster = LocalRedisCluster.shared();

        for (ClusterNode node : cluster.nodes()) {
            assertThat(node.sync().configGet("notify-keyspace-events").get("notify-keyspace-events"))
                    .isIn("xE", "Ex");
            assertThat(node.sync().configGet("hz").get("hz")).isEqualTo("100");
            assertThat(node.sync().configGet("cluster-node-timeout").get("cluster-node-timeout")).isEqualTo("1000");
        }
        List<ClusterNode> replicas = cluster.nodes().stream().filter(n -> !n.isPrimary()).toList();
        assertThat(replicas).hasSize(3);
        Set<String> followed = replicas.stream()
                .map(r -> infoField(r.sync().info("replication"), "master_port")).collect(Collectors.toSet());
        assertThat(followed).as("one replica per primary").containsExactlyInAnyOrderElementsOf(
                cluster.primaries().stream().map(p -> String.valueOf(p.port())).toList());
        replicas.forEach(r -> assertThat(r.sync().info("replication")).contains("master_link_status:up"));
    }

    @Test
    void primaryOf_agreesWithKeyslotAndClusterSlots() {
        LocalRedisCluster cluster = LocalRedisCluster.shared();
        List<Object> slots = cluster.nodes().get(0).sync().clusterSlots();

        for (String key : List.of("a", "b", "user:1", "{orders}:1", "{orders}:2", "zzz", "trigger-due")) {
            long slot = cluster.nodes().get(0).sync().clusterKeyslot(key);
            assertThat(slot).isEqualTo(SlotHash.getSlot(key));
            assertThat(cluster.primaryOf(key).port()).as("primary of %s (slot %s)", key, slot)
                    .isEqualTo(portServing(slots, slot));
        }
        assertThat(cluster.primaryOf("{orders}:1")).isSameAs(cluster.primaryOf("{orders}:2"));
    }

    @Test
    void killedPrimary_isReplacedByItsReplica_andRejoinsAsReplica() {
        try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 1)) {
            String key = "survives-failover";
            ClusterNode victim = cluster.primaryOf(key);
            cluster.sync().set(key, "v");
            assertThat(victim.sync().waitForReplication(1, 5_000)).isEqualTo(1);

            long killedAt = System.nanoTime();
            victim.kill();
            Duration failover = cluster.awaitHealthy(Duration.ofSeconds(30));
            LOG.info("Failover after SIGKILL of a primary (cluster-node-timeout 1000): {} ms (awaitHealthy {} ms)",
                    (System.nanoTime() - killedAt) / 1_000_000, failover.toMillis());

            ClusterNode promoted = cluster.primaryOf(key);
            assertThat(promoted).isNotSameAs(victim);
            assertThat(promoted.isPrimary()).isTrue();
            assertThat(cluster.primaries()).hasSize(3).doesNotContain(victim);
            assertThat(cluster.sync().get(key)).as("replicated before the kill").isEqualTo("v");

            victim.restart();
            Duration rejoin = cluster.awaitHealthy(Duration.ofSeconds(30));
            LOG.info("Old primary rejoined as replica in {} ms", rejoin.toMillis());

            assertThat(victim.isPrimary()).isFalse();
            assertThat(victim.sync().clusterMyId()).isEqualTo(victim.nodeId());
            assertThat(infoField(victim.sync().info("replication"), "master_port"))
                    .isEqualTo(String.valueOf(promoted.port()));
            assertThat(victim.sync().readOnly()).isEqualTo("OK");
            assertThat(victim.sync().get(key)).as("resynchronised from the new primary").isEqualTo("v");
            assertThat(cluster.primaryOf(key)).isSameAs(promoted);
        }
    }

    @Test
    void extraArgs_override_flushAll_empties_close_stopsEveryNode_andIsIdempotent() {
        LocalRedisCluster cluster = LocalRedisCluster.start(3, 0, "--cluster-node-timeout", "3000");
        List<Long> pids = cluster.nodes().stream().map(ClusterNode::pid).toList();
        try {
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessReaper.isRegistered(pid)).isTrue());
            assertThat(cluster.nodes()).allSatisfy(node -> assertThat(
                    node.sync().configGet("cluster-node-timeout").get("cluster-node-timeout")).isEqualTo("3000"));
            assertThat(cluster.primaries()).containsExactlyElementsOf(cluster.nodes());
            for (int i = 0; i < 100; i++) {
                cluster.sync().set("k" + i, "v");
            }
            assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.sync().dbsize()).isPositive());

            cluster.flushAll();

            assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.sync().dbsize()).isZero());
        } finally {
            cluster.close();
        }
        cluster.close();

        assertThat(pids).allSatisfy(pid -> {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(ProcessReaper.isRegistered(pid)).isFalse();
        });
        assertThat(cluster.nodes()).noneMatch(ClusterNode::isRunning);
        assertThat(cluster.nodes().get(0).dir().getParent()).as("temp dir deleted").doesNotExist();
    }

    private static int portServing(List<Object> clusterSlots, long slot) {
        for (Object entry : clusterSlots) {
            List<?> range = (List<?>) entry;
            if (((Long) range.get(0)) <= slot && slot <= ((Long) range.get(1))) {
                return ((Long) ((List<?>) range.get(2)).get(1)).intValue();
            }
        }
        throw new AssertionError("no range serves slot " + slot + " in " + clusterSlots);
    }

    private static String infoField(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":")).map(line -> line.substring(name.length() + 1))
                .map(String::trim).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + info));
    }
}
