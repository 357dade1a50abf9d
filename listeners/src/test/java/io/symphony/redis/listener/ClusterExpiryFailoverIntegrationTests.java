package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.ClusterNode;
import io.symphony.redis.testsupport.LocalRedisCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The expiry pub/sub follows Cluster failovers: a killed primary's promoted replica is subscribed and heard, the old
 * primary back as a replica is not subscribed, and a manual failover (no connection drops) is noticed by the
 * periodic topology read.
 */
@Tag("integration")
class ClusterExpiryFailoverIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(ClusterExpiryFailoverIntegrationTests.class);

    /** The id of the primary {@code replica} follows, from its own CLUSTER NODES line. */
    private static String replicaOf(ClusterNode replica) {
        String myself = replica.sync().clusterNodes().lines().filter(line -> line.contains("myself")).findFirst()
                .orElseThrow();
        return myself.split(" ")[3];
    }

    private static String flags(ClusterNode node) {
        return node.sync().configGet("notify-keyspace-events").get("notify-keyspace-events");
    }

    @Test
    void primaryKilled_promotedReplicaIsSubscribedAndHeard_andTheOldPrimaryIsNotResubscribedAsAReplica() {
        try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 1, "--notify-keyspace-events", "Ex", "--hz",
                "100"); ListenerFixture fx = new ListenerFixture(cluster)) {
            SymphonyRuntime runtime = fx.runtime();
            // Whatever the runtime's start-up set: the listener itself must enable expired events on each primary
            // it subscribes, the replica it will promote later included.
            cluster.nodes().forEach(node -> node.sync().configSet("notify-keyspace-events", ""));
            ExpiryEvents events = ExpiryEvents.create(runtime,
                    ExpiryEventsOptions.builder().topologyRefresh(Duration.ofSeconds(1)).build());
            List<ListenerState> states = new CopyOnWriteArrayList<>();
            Set<String> heard = ConcurrentHashMap.newKeySet();
            Disposable watching = events.states().subscribe(states::add);
            Disposable listening = events.events().subscribe(event -> heard.add(event.key()));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> states.contains(ListenerState.CONNECTED));
                assertThat(cluster.nodes()).allSatisfy(node -> assertThat(flags(node)).as(node.toString())
                        .isEqualTo(node.isPrimary() ? "xE" : ""));
                ClusterNode victim = cluster.primaries().get(0);

                long killedAt = System.nanoTime();
                victim.kill();
                await().atMost(Duration.ofSeconds(5)).until(() -> states.contains(ListenerState.RECONNECTING));
                await().atMost(Duration.ofSeconds(20)).until(() -> states.lastIndexOf(ListenerState.CONNECTED)
                        > states.indexOf(ListenerState.RECONNECTING));
                log.info("Expiry pub/sub subscribed on every primary again {} ms after the kill",
                        (System.nanoTime() - killedAt) / 1_000_000);
                cluster.awaitHealthy(Duration.ofSeconds(30));
                assertThat(fx.subscribers(events.channel())).hasSize(5).allSatisfy((node, count) ->
                        assertThat(count).as(node).isEqualTo(node.startsWith("primary") ? 1L : 0L));

                // Keys without a due-index entry on every primary, the promoted replica included.
                Map<String, String> keyPerPrimary = fx.triggerKeyPerPrimary("acme", "after");
                keyPerPrimary.values().forEach(key -> fx.setRaw(key, "trigger:x", Duration.ofMillis(30)));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(heard).containsAll(keyPerPrimary.values()));

                // Back as a replica, the old primary must not get its old subscription replayed by a reconnect.
                victim.restart();
                cluster.awaitHealthy(Duration.ofSeconds(30));
                assertThat(victim.isPrimary()).isFalse();
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                        assertThat(fx.subscribers(events.channel())).hasSize(6).allSatisfy((node, count) ->
                                assertThat(count).as(node).isEqualTo(node.startsWith("primary") ? 1L : 0L)));
                assertThat(states.get(states.size() - 1)).isEqualTo(ListenerState.CONNECTED);

                // A manual failover drops no connection: only the periodic topology read can notice it.
                ClusterNode demoted = cluster.primaries().stream()
                        .filter(node -> node.nodeId().equals(replicaOf(victim))).findFirst().orElseThrow();
                victim.sync().clusterFailover(false);
                await().atMost(Duration.ofSeconds(10)).until(() -> victim.isPrimary() && !demoted.isPrimary());
                cluster.awaitHealthy(Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(fx.subscribers(events.channel())).hasSize(6).allSatisfy((node, count) ->
                                assertThat(count).as(node).isEqualTo(node.startsWith("primary") ? 1L : 0L)));
                heard.clear();
                Map<String, String> afterManual = fx.triggerKeyPerPrimary("acme", "manual");
                afterManual.values().forEach(key -> fx.setRaw(key, "trigger:x", Duration.ofMillis(30)));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(heard).containsAll(afterManual.values()));
            } finally {
                listening.dispose();
                watching.dispose();
                events.close().block(Duration.ofSeconds(10));
            }
        }
    }
}
