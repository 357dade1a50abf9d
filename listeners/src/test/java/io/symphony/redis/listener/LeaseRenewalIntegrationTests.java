package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Leases are renewed while the handler runs; they cannot be shorter than one attempt. */
class LeaseRenewalIntegrationTests {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final int TRIGGERS = 20;

    private final ListenerFixture fx = new ListenerFixture(Topology.STANDALONE);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void handlerLongerThanTheLease_isRenewed_neverStartedTwice() {
        // Three attempts of 1.2 s each (two fail): every occurrence holds its claim for ~3.6 s, longer than the
        // lease; each attempt has ample slack within the per-attempt timeout (= the lease) on a loaded machine.
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).timeout(LEASE)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build();
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        TriggerListenerOptions options = TriggerListenerOptions.builder().lease(LEASE).build();
        TriggerListener[] listeners = new TriggerListener[2];
        for (int i = 0; i < listeners.length; i++) {
            TriggerRegistry registry = TriggerRegistry.create(policy, 8, false);
            registry.on("long", event -> Mono.defer(() -> {
                String id = event.identifier();
                int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (active.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                return Mono.delay(Duration.ofMillis(1200))
                        .then(attempt < 3 ? Mono.<Void>error(new IllegalStateException("attempt " + attempt))
                                : Mono.<Void>fromRunnable(() -> done.computeIfAbsent(id, k -> new AtomicInteger())
                                        .incrementAndGet()))
                        .doFinally(signal -> active.get(id).decrementAndGet());
            }));
            listeners[i] = fx.listener(fx.runtime(), registry, options);
            listeners[i].start().block(Duration.ofSeconds(10));
        }
        SymphonyRuntime writer = fx.runtimes.get(0);
        RedisTrigger triggers = fx.triggers(writer, "acme");
        Flux.range(0, TRIGGERS).flatMap(i -> triggers.set("long", "id" + i, Duration.ofMillis(50)), 8)
                .blockLast(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(60)).until(() -> done.size() == TRIGGERS);
        for (TriggerListener listener : listeners) {
            listener.stop().block(Duration.ofSeconds(30));
        }

        assertThat(overlaps).hasValue(0);
        assertThat(done).hasSize(TRIGGERS).allSatisfy((id, n) -> assertThat(n.get()).as(id).isEqualTo(1));
        assertThat(fx.zcard(RedisTrigger.indexKey(writer.keys(), "inflight"))).isZero();
        assertThat(fx.hlen(RedisTrigger.indexKey(writer.keys(), "tokens"))).isZero();
        assertThat(fx.zcard(RedisTrigger.dueIndexKey(writer.keys()))).isZero();
        assertThat(listeners[0].deadLetters().count().block(Duration.ofSeconds(5))).isZero();
    }

    @Test
    void leaseShorterThanOneAttempt_isRejectedAtCreate() {
        SymphonyRuntime runtime = fx.runtime();
        TriggerRegistry registry = TriggerRegistry.create(RetryPolicy.builder().timeout(Duration.ofSeconds(5)).build(),
                4, false);
        TriggerListenerOptions options = TriggerListenerOptions.builder().lease(Duration.ofSeconds(1)).build();

        assertThatThrownBy(() -> TriggerListener.create(runtime, registry, options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease PT1S is shorter than one attempt")
                .hasMessageContaining("timeout PT5S");
    }
}
