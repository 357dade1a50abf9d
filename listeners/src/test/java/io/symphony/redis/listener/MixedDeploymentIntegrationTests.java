package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Deployments shared with the Python original, whose listeners fire a trigger on its expiry event and write nothing
 * back: what it wrote and what it fired is not fired again by ours, and our due-index stays bounded.
 */
class MixedDeploymentIntegrationTests {

    private static final int N = 10;

    private final ListenerFixture fx = new ListenerFixture(Topology.STANDALONE);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void triggersOfTheOriginalsActions_areNotFiredAgainByOurs_andLeaveTheIndex() {
        SymphonyRuntime runtime = fx.runtime();
        RedisTrigger triggers = fx.triggers(runtime, "acme");
        // Our producers set both kinds while only the original's listeners run (they fire "legacy" on its event).
        Flux.range(0, N).concatMap(i -> triggers.set("legacy", "l" + i, Duration.ofMillis(20)))
                .blockLast(Duration.ofSeconds(5));
        Flux.range(0, N).concatMap(i -> triggers.set("ours", "o" + i, Duration.ofMillis(20)))
                .blockLast(Duration.ofSeconds(5));
        // ... and the original's producers write a "legacy" trigger as it does: SETEX, no index entry
        fx.setRaw("acme:EXPTRIGGER:legacy:py1", "trigger:2026-12-01T23:40:00.123456", Duration.ofMillis(400));
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.zcard(RedisTrigger.dueIndexKey(runtime.keys()))
                == 2L * N && fx.zscore(RedisTrigger.dueIndexKey(runtime.keys()), "acme:EXPTRIGGER:ours:o9") != null);

        // Our listener starts later; its registry even has a handler for "legacy": the option decides.
        TriggerRegistry registry = fx.countingRegistry("ours");
        registry.on("legacy", event -> reactor.core.publisher.Mono.fromRunnable(
                () -> fx.counts.computeIfAbsent("legacy/" + event.identifier(),
                        k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet()));
        TriggerListener listener = fx.listener(runtime, registry,
                TriggerListenerOptions.builder().originalActions(Set.of("legacy")).build());
        listener.start().block(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> fx.counts.size() == N
                && listener.handedToOriginal() == N);
        // the original's own key expires while ours listens: its event is the original's, not ours
        await().atMost(Duration.ofSeconds(10)).until(() -> !keyExists(runtime));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> fx.zscore(
                RedisTrigger.indexKey(runtime.keys(), "recent"), "acme:EXPTRIGGER:legacy:py1") == null
                && fx.counts.keySet().stream().noneMatch(id -> id.startsWith("legacy")));
        listener.stop().block(Duration.ofSeconds(10));

        assertThat(fx.counts.keySet()).allSatisfy(id -> assertThat(id).startsWith("o"));
        assertThat(fx.allOnce(N)).isTrue();
        assertThat(fx.zcard(RedisTrigger.dueIndexKey(runtime.keys()))).isZero();
        assertThat(fx.zcard(RedisTrigger.indexKey(runtime.keys(), "inflight"))).isZero();
        assertThat(listener.deadLetters().count().block(Duration.ofSeconds(5))).isZero();
    }

    private static boolean keyExists(SymphonyRuntime runtime) {
        return runtime.ops().onPool("expiry").exists(java.util.List.of("acme:EXPTRIGGER:legacy:py1"))
                .block(Duration.ofSeconds(5)) > 0;
    }

    @Test
    void withOnlyTheOriginalsListeners_theIndexStaysBoundedByTheHorizon() {
        SymphonyRuntime runtime = fx.runtime();
        RedisTrigger triggers = fx.triggers(runtime, "acme").withIndexHorizon(Duration.ofMillis(200));
        String due = RedisTrigger.dueIndexKey(runtime.keys());

        Flux.range(0, 50).concatMap(i -> triggers.set("legacy", "a" + i, Duration.ofMillis(10)))
                .blockLast(Duration.ofSeconds(5));
        // (on a slow machine the later sets of this loop already drop the first ones)
        assertThat(fx.zcard(due)).isBetween(1L, 50L);

        // no listener of ours runs; once they are past the horizon, the next set drops them
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> {
            triggers.set("legacy", "b", Duration.ofSeconds(60)).block(Duration.ofSeconds(5));
            return fx.zcard(due) == 1;
        });
        assertThat(fx.zscore(due, "acme:EXPTRIGGER:legacy:b")).isNotNull();
    }
}
