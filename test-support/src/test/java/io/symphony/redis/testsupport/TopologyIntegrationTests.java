package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.opentest4j.TestAbortedException;

@OnEveryTopology
class TopologyIntegrationTests {

    private static final List<Topology> STARTED = new CopyOnWriteArrayList<>();

    @Parameter
    Topology topology;

    private final String prefix = TestRedis.uniqueTenant("topology");

    @BeforeParameterizedClassInvocation
    static void start(Topology current) {
        STARTED.add(current);
    }

    @AfterAll
    static void everyTopologyRan_standaloneFirst() {
        assertThat(STARTED).containsExactly(Topology.STANDALONE, Topology.CLUSTER);
    }

    @Test
    void url_andNodeUris_areThoseOfTheSharedServer() {
        if (topology.isCluster()) {
            assertThat(topology.url()).isEqualTo(LocalRedisCluster.shared().uri()).startsWith("redis-cluster://");
            assertThat(topology.nodeUris()).hasSize(LocalRedisCluster.shared().nodes().size());
        } else {
            assertThat(topology.url()).isEqualTo(TestRedis.shared().uri()).startsWith("redis://");
            assertThat(topology.nodeUris()).containsExactly(TestRedis.shared().uri());
        }
    }

    @Test
    void nodeUris_everyOneAnswersPing() {
        RedisClient client = RedisClient.create();
        try {
            for (String uri : topology.nodeUris()) {
                try (StatefulRedisConnection<String, String> node = client.connect(RedisURI.create(uri))) {
                    assertThat(node.sync().ping()).as(uri).isEqualTo("PONG");
                }
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void raw_writesWhatTheOwningNodeStores_onTheStandaloneDbOrDb0() {
        List<String> keys = IntStream.range(0, 30).mapToObj(i -> prefix + ":" + i).toList();
        keys.forEach(key -> topology.raw(4).set(key, "v-" + key));

        for (String key : keys) {
            RedisClusterCommands<String, String> owner = topology.nodeOf(key, 4);
            assertThat(owner.get(key)).as("%s on %s", key, topology.nodeAddressOf(key)).isEqualTo("v-" + key);
        }
        assertThat(keys.stream().map(topology::nodeAddressOf).distinct().count()).as("nodes holding the keys")
                .isEqualTo(topology.primaries().size()).isEqualTo(topology.isCluster() ? 3 : 1);
        assertThat(topology.raw(5).exists(keys.get(0))).as("seen from another DB number")
                .isEqualTo(topology.isCluster() ? 1 : 0);
        String first = keys.get(0);
        String home = topology.nodeAddressOf(first);
        List<String> elsewhere = keys.stream().filter(key -> !topology.nodeAddressOf(key).equals(home)).toList();
        if (topology.isCluster()) {
            assertThatThrownBy(() -> topology.nodeOf(first, 4).get(elsewhere.get(0)))
                    .as("a plain connection to one node").hasMessageContaining("MOVED");
        } else {
            assertThat(elsewhere).as("one node holds every key").isEmpty();
        }

        assertThat(topology.raw(4).del(keys.toArray(String[]::new))).as("DEL split per slot on Cluster")
                .isEqualTo(keys.size());
    }

    @Test
    void primaries_answerForTheirOwnNode() {
        List<? extends RedisClusterCommands<String, String>> primaries = topology.primaries();

        assertThat(primaries).hasSize(topology.isCluster() ? 3 : 1);
        for (RedisClusterCommands<String, String> primary : primaries) {
            assertThat(primary.info("replication")).contains("role:master");
        }
    }

    @Test
    void assumptions_skipOnlyTheOtherTopology() {
        if (topology.isCluster()) {
            assertThatCode(() -> topology.assumeCluster("x")).doesNotThrowAnyException();
            assertThatThrownBy(() -> topology.assumeStandalone("numbered DBs"))
                    .isInstanceOf(TestAbortedException.class).hasMessageContaining("standalone only: numbered DBs");
        } else {
            assertThatCode(() -> topology.assumeStandalone("x")).doesNotThrowAnyException();
            assertThatThrownBy(() -> topology.assumeCluster("slots"))
                    .isInstanceOf(TestAbortedException.class).hasMessageContaining("Cluster only: slots");
        }
    }
}
