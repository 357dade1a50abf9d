package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each {@link OnTrigger} method shape runs to its end before the claim is acknowledged: at the end of the work the
 * claim is still in flight, and after {@code stop()} the index and the in-flight set are empty and each handler ran
 * its whole work exactly once.
 */
class TriggerHandlerShapesIntegrationTests {

    private final ListenerFixture fx = new ListenerFixture(Topology.STANDALONE);
    /** Per action: units of work done, and whether the claim was still in flight when the work ended. */
    private final Map<String, Integer> work = new ConcurrentHashMap<>();
    private final Map<String, Boolean> inFlightAtEnd = new ConcurrentHashMap<>();
    private String inflightKey = "";

    @AfterEach
    void close() {
        fx.close();
    }

    public final class Handlers {

        @OnTrigger("mono")
        public Mono<Void> mono(TriggerEvent event) {
            return Mono.delay(Duration.ofMillis(100)).then(Mono.fromRunnable(() -> done(event, 1)));
        }

        @OnTrigger("flux")
        public Flux<Integer> flux(TriggerEvent event) {
            return Flux.range(1, 5).delayElements(Duration.ofMillis(40))
                    .doOnNext(i -> work.merge(event.action(), 1, Integer::sum))
                    .doOnComplete(() -> done(event, 0));
        }

        @OnTrigger("stage")
        public CompletionStage<Void> stage(TriggerEvent event) {
            return CompletableFuture.runAsync(() -> done(event, 1),
                    CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS));
        }

        @OnTrigger("blocking")
        public void blocking(TriggerEvent event) throws InterruptedException {
            Thread.sleep(150); // the handler's own blocking work, the shape under test
            done(event, 1);
        }
    }

    private void done(TriggerEvent event, int units) {
        work.merge(event.action(), units, Integer::sum);
        inFlightAtEnd.put(event.action(), fx.zscore(inflightKey, event.key()) != null);
    }

    @Test
    void everyShape_runsToCompletion_beforeTheAck() {
        SymphonyRuntime runtime = fx.runtime();
        inflightKey = RedisTrigger.indexKey(runtime.keys(), "inflight");
        TriggerRegistry registry = TriggerRegistry.create();
        registry.register(new Handlers());
        TriggerListener listener = fx.listener(runtime, registry);
        listener.start().block(Duration.ofSeconds(10));
        RedisTrigger triggers = fx.triggers(runtime, "acme");
        List<String> actions = List.of("mono", "flux", "stage", "blocking");
        Flux.fromIterable(actions).concatMap(a -> triggers.set(a, "id", Duration.ofMillis(30))).blockLast(
                Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> inFlightAtEnd.size() == actions.size());
        listener.stop().block(Duration.ofSeconds(10));

        assertThat(work).containsOnly(Map.entry("mono", 1), Map.entry("flux", 5), Map.entry("stage", 1),
                Map.entry("blocking", 1));
        assertThat(inFlightAtEnd).allSatisfy((action, held) -> assertThat(held).as(action).isTrue());
        assertThat(fx.zcard(inflightKey)).isZero();
        assertThat(fx.zcard(RedisTrigger.dueIndexKey(runtime.keys()))).isZero();
        assertThat(listener.deadLetters().count().block(Duration.ofSeconds(5))).isZero();
    }

    @Test
    void blockingHandlers_runOffTheIoThreads_andDelayNeitherEventsNorOtherHandlers() {
        SymphonyRuntime runtime = fx.runtime();
        Map<String, String> threads = new ConcurrentHashMap<>();
        Map<String, Long> quickDone = new ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        TriggerRegistry registry = TriggerRegistry.create(RetryPolicy.defaults(), 16, false);
        registry.on("block", event -> Mono.fromRunnable(() -> {
            threads.put(event.identifier(), Thread.currentThread().getName());
            try {
                release.await(); // blocks its thread until the quick handlers are all done
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        registry.on("quick", event -> Mono.fromRunnable(() -> quickDone.put(event.identifier(),
                System.currentTimeMillis() - event.dueAt().toEpochMilli())));
        TriggerListener listener = fx.listener(runtime, registry);
        listener.start().block(Duration.ofSeconds(10));
        RedisTrigger triggers = fx.triggers(runtime, "acme");

        Flux.range(0, 4).concatMap(i -> triggers.set("block", "b" + i, Duration.ofMillis(20)))
                .blockLast(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 4);
        Flux.range(0, 20).concatMap(i -> triggers.set("quick", "q" + i, Duration.ofMillis(50)))
                .blockLast(Duration.ofSeconds(5));

        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> quickDone.size() == 20);
            assertThat(release.getCount()).isEqualTo(1L); // the blockers were still blocking the whole time
        } finally {
            release.countDown();
        }
        listener.stop().block(Duration.ofSeconds(10));
        assertThat(threads.values()).allSatisfy(name -> assertThat(name).doesNotContain("lettuce")
                .doesNotContain("nioEventLoop"));
        assertThat(fx.zcard(inflightKey(runtime))).isZero();
    }

    private static String inflightKey(SymphonyRuntime runtime) {
        return RedisTrigger.indexKey(runtime.keys(), "inflight");
    }
}
