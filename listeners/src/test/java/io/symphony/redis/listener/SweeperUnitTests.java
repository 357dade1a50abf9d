package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The sweeper's timing and batch sizing in virtual time, against scripted sweep replies. */
class SweeperUnitTests {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    /** (virtual ms, batch) of every sweep script sent. */
    private final List<long[]> sent = new CopyOnWriteArrayList<>();
    private final Deque<Supplier<Mono<TriggerStore.Sweep>>> replies = new ArrayDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<TriggerStore.Sweep> taken = new CopyOnWriteArrayList<>();
    private final Sinks.Empty<Void> stopping = Sinks.empty();

    private Sweeper sweeper(int batchSize, int capacity) {
        return new Sweeper(batch -> {
            sent.add(new long[] {time.now(TimeUnit.MILLISECONDS), batch});
            Supplier<Mono<TriggerStore.Sweep>> next = replies.poll();
            return next == null ? Mono.just(sweep(0, -1)) : next.get();
        }, batchSize, capacity, waiting::get, INTERVAL, TIMEOUT, time);
    }

    /** A reply claiming {@code n} entries at virtual now, the next wake-up {@code wakeIn} ms later (-1: none). */
    private TriggerStore.Sweep sweep(int n, long wakeIn) {
        long now = time.now(TimeUnit.MILLISECONDS);
        List<Claim> claims = IntStream.range(0, n)
                .mapToObj(i -> new Claim("k:" + now + ":" + i, now, now + 1_000, TriggerEvent.Source.SWEEP))
                .toList();
        return new TriggerStore.Sweep(claims, List.of(), 0, now, wakeIn < 0 ? -1 : now + wakeIn);
    }

    private void reply(Supplier<Mono<TriggerStore.Sweep>> reply) {
        replies.add(reply);
    }

    private List<Long> sentAt() {
        return sent.stream().map(s -> s[0]).toList();
    }

    private List<Long> batches() {
        return sent.stream().map(s -> s[1]).toList();
    }

    @Test
    void fullBatch_sweepsAgainAtOnce_thenAtTheNextDueTime_thenEveryInterval() {
        Sweeper sweeper = sweeper(5, 1_000);
        reply(() -> Mono.just(sweep(5, 0)));      // a whole batch: more are due
        reply(() -> Mono.just(sweep(2, 30)));     // the rest; the next entry is due in 30 ms
        reply(() -> Mono.just(sweep(1, 500)));    // next one far away: wait one interval at most
        reply(() -> Mono.just(sweep(0, -1)));     // nothing left: every interval

        StepVerifier.withVirtualTime(() -> sweeper.run(stopping.asMono(), taken::add), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNextCount(2)
                .then(() -> assertThat(sentAt()).containsExactly(0L, 0L))
                .expectNoEvent(Duration.ofMillis(29))
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(1)
                .then(() -> assertThat(sentAt()).containsExactly(0L, 0L, 30L))
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(1)
                .thenAwait(Duration.ofMillis(100))
                .expectNextCount(1)
                .then(() -> {
                    assertThat(sentAt()).containsExactly(0L, 0L, 30L, 130L, 230L);
                    assertThat(batches()).containsOnly(5L);
                    assertThat(taken).extracting(s -> s.claims().size()).containsExactly(5, 2, 1, 0, 0);
                })
                .then(stopping::tryEmitEmpty)
                .verifyComplete();
    }

    @Test
    void partialSweep_isFollowedNoSoonerThanTheMinimumGap_soEntriesDueTogetherShareAScript() {
        Sweeper sweeper = sweeper(5, 1_000);
        reply(() -> Mono.just(sweep(1, 0)));      // the next entry is due at once (thousands per second)
        reply(() -> Mono.just(sweep(2, 1)));

        StepVerifier.withVirtualTime(() -> sweeper.run(stopping.asMono(), taken::add), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNextCount(1)
                .expectNoEvent(Sweeper.MIN_GAP.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(1)
                .thenAwait(Sweeper.MIN_GAP)
                .expectNextCount(1)
                .then(stopping::tryEmitEmpty)
                .verifyComplete();

        assertThat(sentAt()).containsExactly(0L, 3L, 6L);
    }

    @Test
    void batchSize_isClaimedWhateverTheHandlerSlots_butOnlyWhileTheHandOffHasRoom() {
        // capacity 8, batch 5: a sweep goes out only while at most 3 claims wait locally.
        Sweeper sweeper = sweeper(5, 8);
        reply(() -> Mono.just(sweep(5, 0)));
        reply(() -> Mono.just(sweep(5, 0)));

        StepVerifier.withVirtualTime(() -> sweeper.run(stopping.asMono(), result -> {
                    taken.add(result);
                    waiting.addAndGet(result.claims().size());
                }), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNextCount(1)
                // 5 wait: no room for another batch, so no script; looks again every BUSY_RECHECK
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> assertThat(sentAt()).containsExactly(0L))
                .then(() -> waiting.set(3))
                .thenAwait(Sweeper.BUSY_RECHECK)
                .expectNextCount(1)
                .then(() -> {
                    assertThat(sent).hasSize(2);
                    assertThat(sent.get(1)[0]).isBetween(50L, 50L + Sweeper.BUSY_RECHECK.toMillis());
                    assertThat(batches()).containsExactly(5L, 5L);
                })
                .then(stopping::tryEmitEmpty)
                .verifyComplete();
    }

    @Test
    void capacitySmallerThanTheBatch_bindsTheBatch() {
        Sweeper sweeper = sweeper(500, 64);

        StepVerifier.withVirtualTime(() -> sweeper.run(stopping.asMono(), taken::add), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNextCount(1)
                .then(stopping::tryEmitEmpty)
                .verifyComplete();

        assertThat(batches()).containsExactly(64L);
    }

    @Test
    void failedOrSilentSweep_isRetriedAfterTheInterval_andNeverEndsTheSweeper() {
        Sweeper sweeper = sweeper(5, 1_000);
        reply(() -> Mono.error(new IllegalStateException("injected")));
        reply(Mono::never);                        // a node gone: no reply until the timeout
        reply(() -> Mono.just(sweep(1, -1)));

        StepVerifier.withVirtualTime(() -> sweeper.run(stopping.asMono(), taken::add), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> assertThat(sentAt()).containsExactly(0L, 100L))
                .expectNoEvent(TIMEOUT.minusMillis(1))
                .then(() -> assertThat(sent).hasSize(2))
                .thenAwait(Duration.ofMillis(1).plus(INTERVAL))
                .expectNextCount(1)
                .then(() -> assertThat(sentAt()).containsExactly(0L, 100L, 3_200L))
                .then(stopping::tryEmitEmpty)
                .verifyComplete();
    }

    @Test
    void stop_endsThePause_butNeverCancelsASweepInFlight() {
        Sweeper sweeper = sweeper(5, 1_000);
        Sinks.One<TriggerStore.Sweep> slow = Sinks.one();
        reply(() -> Mono.just(sweep(0, -1)));
        reply(slow::asMono);

        StepVerifier.withVirtualTime(() -> sweeper.run(stopping.asMono(), taken::add), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNextCount(1)
                .thenAwait(INTERVAL)                      // the second sweep is in flight now
                .then(stopping::tryEmitEmpty)
                .expectNoEvent(Duration.ofMillis(10))
                .then(() -> slow.tryEmitValue(sweep(3, -1)))
                .assertNext(result -> assertThat(result.claims()).hasSize(3))
                .verifyComplete();

        assertThat(sent).hasSize(2);
        assertThat(taken).hasSize(2);
    }

    @Test
    void stopDuringThePause_sendsNoFurtherSweep() {
        Sweeper sweeper = sweeper(5, 1_000);
        List<Long> before = new ArrayList<>();

        StepVerifier.withVirtualTime(() -> sweeper.run(stopping.asMono(), taken::add), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNextCount(1)
                .then(() -> before.addAll(sentAt()))
                .then(stopping::tryEmitEmpty)
                .verifyComplete();

        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(sentAt()).isEqualTo(before).containsExactly(0L);
    }
}
