package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.LocalSentinelSetup;
import io.symphony.redis.testsupport.PrivateRedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Expiry events and durable triggers on a real Sentinel set-up whose data nodes start without keyspace events: the
 * toolkit must enable them on whichever node is primary, and follow the failover.
 */
@Tag("integration")
class SentinelFailoverListenerIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(SentinelFailoverListenerIntegrationTests.class);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    private static final String PARAMETER = "notify-keyspace-events";

    @Test
    void expiryEvents_followTheFailover_andEnableKeyspaceEventsOnThePromotedReplica() {
        try (LocalSentinelSetup setup = LocalSentinelSetup.start("--hz", "100")) {
            SymphonyRuntime runtime = runtime(setup);
            ExpiryEvents events = ExpiryEvents.create(runtime);
            List<ExpiryEvent> received = new CopyOnWriteArrayList<>();
            List<ListenerState> states = new CopyOnWriteArrayList<>();
            Disposable stateWatch = events.states().subscribe(states::add);
            Disposable subscription = events.events().subscribe(received::add);
            try {
                RedisTrigger triggers = triggers(runtime);
                await().atMost(Duration.ofSeconds(10)).until(() -> states.contains(ListenerState.CONNECTED));
                PrivateRedisServer replica = setup.replica();
                assertThat(flags(replica)).as("the replica is left as configured").isEmpty();

                triggers.set("remind", "before", Duration.ofMillis(50)).block(Duration.ofSeconds(5));
                await().atMost(Duration.ofSeconds(10)).until(() -> identifiers(received).contains("before"));
                assertThat(states).as("the sentinel look-up connections' closes are no loss of the subscription")
                        .doesNotContain(ListenerState.RECONNECTING);

                Duration failover = setup.killPrimaryAndAwaitFailover(FAILOVER_TIMEOUT);
                long promotedAt = System.nanoTime();
                await().atMost(FAILOVER_TIMEOUT).until(() -> lastIndexOf(states, ListenerState.RECONNECTING)
                        < lastIndexOf(states, ListenerState.CONNECTED) && flags(replica).contains("x"));
                long resubscribedAt = System.nanoTime();
                triggers.set("remind", "after", Duration.ofMillis(50)).block(FAILOVER_TIMEOUT);

                await().atMost(Duration.ofSeconds(10)).until(() -> identifiers(received).contains("after"));
                assertThat(states).containsSubsequence(ListenerState.CONNECTED, ListenerState.RECONNECTING,
                        ListenerState.CONNECTED);
                assertThat(flags(replica)).contains("E", "x");
                log.info("Expiry events on Sentinel: failover took {} ms; the pub/sub connection was subscribed to "
                        + "the promoted replica, with keyspace events on, {} ms after the sentinels promoted it",
                        failover.toMillis(), Duration.ofNanos(resubscribedAt - promotedAt).toMillis());
            } finally {
                subscription.dispose();
                stateWatch.dispose();
                events.close().block(Duration.ofSeconds(10));
                runtime.close().block(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void pendingTriggers_acrossAFailover_areEachHandledExactlyOnce() {
        int count = 300;
        try (LocalSentinelSetup setup = LocalSentinelSetup.start("--hz", "100")) {
            SymphonyRuntime runtime = runtime(setup);
            Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
            TriggerRegistry registry = TriggerRegistry.create();
            registry.on("failover", event -> Mono.fromRunnable(
                    () -> handled.computeIfAbsent(event.identifier(), id -> new AtomicInteger()).incrementAndGet()));
            TriggerListener listener = TriggerListener.create(runtime, registry);
            try {
                listener.start().block(Duration.ofSeconds(10));
                RedisTrigger triggers = triggers(runtime);
                // Due from 2 s on, spread over 4 s: the first ones come due while the sentinels fail over.
                Flux.range(0, count)
                        .flatMap(i -> triggers.set("failover", "id:" + i, Duration.ofMillis(2_000 + i * 4_000L / count)),
                                32)
                        .then().block(Duration.ofSeconds(30));
                // Replicated before the kill: a trigger acknowledged but not replicated may be lost by Redis itself.
                assertThat(setup.primary().sync(0).waitForReplication(1, 5_000)).isEqualTo(1);

                Duration failover = setup.killPrimaryAndAwaitFailover(FAILOVER_TIMEOUT);

                await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == count);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> handled.values().stream().allMatch(n -> n.get() == 1));
                assertThat(handled.values()).allMatch(n -> n.get() == 1);
                log.info("Triggers on Sentinel: {} pending triggers handled exactly once across a failover of {} ms; "
                        + "fire lag {}", count, failover.toMillis(), listener.fireLag());
            } finally {
                listener.stop().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(30));
                runtime.close().block(Duration.ofSeconds(10));
            }
        }
    }

    private static SymphonyRuntime runtime(LocalSentinelSetup setup) {
        return SymphonyRuntime.create(SymphonyRedisConfig.fromUrl(setup.uri())).block(Duration.ofSeconds(30));
    }

    private static RedisTrigger triggers(SymphonyRuntime runtime) {
        return new RedisTrigger(RepositorySupport.of(runtime.ops(), runtime.codec(), runtime.keys()), "acme");
    }

    private static String flags(PrivateRedisServer node) {
        return node.sync(0).configGet(PARAMETER).get(PARAMETER);
    }

    private static List<String> identifiers(List<ExpiryEvent> events) {
        return events.stream().map(ExpiryEvent::identifier).toList();
    }

    private static int lastIndexOf(List<ListenerState> states, ListenerState state) {
        return states.lastIndexOf(state);
    }
}
