package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import reactor.core.Disposable;

/**
 * A primary that restarts faster than the cluster notices (a supervisor restarts it within
 * {@code cluster-node-timeout}, 15 s by default) keeps its node id, address and slots, so no failover happens and
 * the listener's pub/sub connection to it simply reconnects. {@code CONFIG SET} is not persisted: the restarted
 * process has lost the {@code notify-keyspace-events} the listener set, and the listener must set it again.
 */
@Tag("integration")
class ClusterPrimaryRestartIntegrationTests {

    private static final String PARAMETER = "notify-keyspace-events";

    private static String flags(ClusterNode node) {
        return node.sync().configGet(PARAMETER).get(PARAMETER);
    }

    @Test
    void primaryRestartedWithoutFailover_getsItsFlagsBack_andItsExpirationsAreHeard() {
        // No notify-keyspace-events in the nodes' own configuration; a node timeout no restart here can reach.
        try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 0, "--cluster-node-timeout", "60000", "--hz",
                "100"); ListenerFixture fx = new ListenerFixture(cluster)) {
            ExpiryEvents events = ExpiryEvents.create(fx.runtime());
            List<ListenerState> states = new CopyOnWriteArrayList<>();
            Set<String> heard = ConcurrentHashMap.newKeySet();
            Disposable watching = events.states().subscribe(states::add);
            Disposable listening = events.events().subscribe(event -> heard.add(event.key()));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> states.contains(ListenerState.CONNECTED));
                ClusterNode victim = cluster.primaries().get(0);

                victim.kill();
                victim.restart();
                cluster.awaitHealthy(Duration.ofSeconds(30));
                assertThat(victim.isPrimary()).as("no failover: the node is back as the same primary").isTrue();
                // Lettuce re-connects the old pub/sub connection and replays its SUBSCRIBE.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(fx.subscribers(events.channel())).hasSize(3)
                                .allSatisfy((node, count) -> assertThat(count).as(node).isEqualTo(1L)));

                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(flags(victim)).as("flags on the restarted primary").contains("E", "x"));
                Map<String, String> keyPerPrimary = fx.triggerKeyPerPrimary("acme", "restart");
                keyPerPrimary.values().forEach(key -> fx.setRaw(key, "trigger:x", Duration.ofMillis(30)));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(heard).containsAll(keyPerPrimary.values()));
            } finally {
                listening.dispose();
                watching.dispose();
                events.close().block(Duration.ofSeconds(10));
            }
        }
    }
}
