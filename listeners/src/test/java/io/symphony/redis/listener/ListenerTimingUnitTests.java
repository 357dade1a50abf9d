package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.keys.KeyFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Lease renewal, retries, timeouts and dead letters in virtual time, against a recording store. */
class ListenerTimingUnitTests {

    private static final KeyFactory KEYS = KeyFactory.defaults();
    private static final String KEY = KEYS.triggerKey("acme", "act", "id1");

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final RecordingTriggerStore store = new RecordingTriggerStore();
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Claim> closed = new CopyOnWriteArrayList<>();
    /** Acks straight to the store, so a test sees when the runner hands a claim over. */
    private final HandlerRunner.Closer closer = new HandlerRunner.Closer() {
        @Override
        public void ack(Claim claim) {
            store.ack(List.of(claim)).block();
            closed(claim);
        }

        @Override
        public void closed(Claim claim) {
            closed.add(claim);
        }
    };

    private HandlerRunner runner(TriggerRegistry registry) {
        TriggerListenerOptions options = TriggerListenerOptions.builder().scheduler(time).handlerScheduler(time)
                .clock(Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC)).build();
        return new HandlerRunner(registry, store, KEYS, (context, snapshot) -> context, options,
                new FireLagRecorder(options.clock()));
    }

    private static TriggerRegistry registry(TriggerHandler handler) {
        TriggerRegistry registry = TriggerRegistry.create(RetryPolicy.builder().maxAttempts(3)
                .timeout(Duration.ofSeconds(1)).backoff(Duration.ofMillis(200), Duration.ofSeconds(5)).build(), 4,
                false);
        registry.on("act", handler);
        return registry;
    }

    private static Claim claim() {
        return new Claim(KEY, 1_000, 42, TriggerEvent.Source.SWEEP);
    }

    @Test
    void failingHandler_isRetriedWithBackoff_thenDeadLettered_neverAcked() {
        HandlerRunner runner = runner(registry(event -> Mono.fromRunnable(attempts::incrementAndGet)
                .then(Mono.error(new IllegalStateException("boom")))));

        StepVerifier.withVirtualTime(() -> runner.run(claim(), closer), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> assertThat(attempts).hasValue(1))
                .expectNoEvent(Duration.ofMillis(90)) // the first backoff is 200 ms +- 50 % jitter
                .then(() -> assertThat(attempts).hasValue(1))
                .thenAwait(Duration.ofMinutes(1))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(3);
        assertThat(store.acks).isEmpty();
        assertThat(closed).containsExactly(claim());
        assertThat(store.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.error()).contains("boom");
            assertThat(letter.key()).isEqualTo(KEY);
            assertThat(letter.failedAt()).isEqualTo(Instant.ofEpochMilli(5_000));
        });
    }

    @Test
    void handlerFailingOnce_isRetriedAfterTheFirstBackoff_thenAcked_neverDeadLettered() {
        // The retry machinery is only built once the first attempt failed: the retry must still wait the first
        // backoff (200 ms +- 50 %), count both attempts and end in an ack.
        HandlerRunner runner = runner(registry(event -> Mono.defer(() -> attempts.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("once")) : Mono.empty())));

        StepVerifier.withVirtualTime(() -> runner.run(claim(), closer), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> assertThat(attempts).hasValue(1))
                .expectNoEvent(Duration.ofMillis(90))
                .then(() -> assertThat(attempts).hasValue(1))
                .thenAwait(Duration.ofMillis(310))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(2);
        assertThat(store.acks).containsExactly(claim());
        assertThat(store.deadLetters).isEmpty();
        assertThat(closed).containsExactly(claim());
    }

    @Test
    void handlerOfASingleAttemptPolicy_isDeadLetteredOnItsFirstFailure() {
        TriggerRegistry registry = TriggerRegistry.create(RetryPolicy.builder().maxAttempts(1)
                .timeout(Duration.ofSeconds(1)).build(), 4, false);
        registry.on("act", event -> Mono.fromRunnable(attempts::incrementAndGet)
                .then(Mono.error(new IllegalStateException("boom"))));
        HandlerRunner runner = runner(registry);

        StepVerifier.withVirtualTime(() -> runner.run(claim(), closer), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(1);
        assertThat(store.deadLetters).singleElement().satisfies(letter -> assertThat(letter.attempts()).isEqualTo(1));
        assertThat(closed).containsExactly(claim());
    }

    @Test
    void hangingHandler_timesOutPerAttempt() {
        HandlerRunner runner = runner(registry(event -> Mono.fromRunnable(attempts::incrementAndGet)
                .then(Mono.never())));

        StepVerifier.withVirtualTime(() -> runner.run(claim(), closer), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .then(() -> assertThat(attempts).hasValue(1))
                .thenAwait(Duration.ofSeconds(30))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(3);
        assertThat(store.deadLetters).singleElement()
                .satisfies(letter -> assertThat(letter.error()).contains("TimeoutException"));
    }

    @Test
    void attemptQueuedBehindABusyHandlerScheduler_isTimedFromItsStart_notFromItsQueueing() throws Exception {
        // One handler thread, held 1.5 s by another task; the attempt's timeout is 1 s. Timed from the queueing,
        // the attempt would time out unstarted and be retried; timed from its start, it runs once and is acked.
        Scheduler oneThread = Schedulers.newSingle("one-handler-thread");
        List<Throwable> retried = new CopyOnWriteArrayList<>();
        TriggerObserver retries = new TriggerObserver() {
            @Override
            public void retried(TriggerEvent event, int attempt, Throwable error) {
                retried.add(error);
            }
        };
        try {
            TriggerListenerOptions options = TriggerListenerOptions.builder().handlerScheduler(oneThread)
                    .observer(retries).clock(Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC)).build();
            HandlerRunner runner = new HandlerRunner(registry(event -> Mono.fromRunnable(attempts::incrementAndGet)),
                    store, KEYS, (context, snapshot) -> context, options, new FireLagRecorder(options.clock()));
            CountDownLatch busy = new CountDownLatch(1);
            oneThread.schedule(() -> {
                busy.countDown();
                LockSupport.parkNanos(Duration.ofMillis(1_500).toNanos());
            });
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

            StepVerifier.create(runner.run(claim(), closer))
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));

            assertThat(retried).as("attempts timed out before they started").isEmpty();
            assertThat(attempts).hasValue(1);
            assertThat(store.acks).containsExactly(claim());
            assertThat(store.deadLetters).isEmpty();
        } finally {
            oneThread.dispose();
        }
    }

    @Test
    void fluxHandler_isAckedOnlyAfterItsLastElement() {
        HandlerRunner runner = runner(registry(event -> Flux.interval(Duration.ofMillis(150), time).take(5)
                .doOnNext(i -> attempts.incrementAndGet()).then()));

        StepVerifier.withVirtualTime(() -> runner.run(claim(), closer), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(749))
                .then(() -> assertThat(store.acks).isEmpty())
                .thenAwait(Duration.ofMillis(1))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(5);
        assertThat(store.acks).containsExactly(claim());
        assertThat(closed).containsExactly(claim());
        assertThat(store.deadLetters).isEmpty();
    }

    @Test
    void handledClaim_freesItsSlotBeforeItsAckIsAnswered() {
        HandlerRunner runner = runner(registry(event -> Mono.fromRunnable(attempts::incrementAndGet)));
        List<Claim> handedOver = new CopyOnWriteArrayList<>();
        HandlerRunner.Closer slowAcks = new HandlerRunner.Closer() {
            @Override
            public void ack(Claim claim) {
                handedOver.add(claim); // the ack batch is still to be sent
            }

            @Override
            public void closed(Claim claim) {
                closed.add(claim);
            }
        };

        StepVerifier.withVirtualTime(() -> runner.run(claim(), slowAcks), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .verifyComplete();

        assertThat(attempts).hasValue(1);
        assertThat(handedOver).containsExactly(claim());
        // closed only by the ack batch, which has not answered: the lease stays renewed until it does
        assertThat(closed).isEmpty();
        assertThat(store.acks).isEmpty();
    }

    @Test
    void leaseRenewer_renewsEveryThirdOfTheLease_whatIsHeld_andDropsWhatIsLost() {
        LeaseRenewer renewer = new LeaseRenewer(store, Duration.ofSeconds(3), time);
        Claim a = new Claim("k:a", 0, 10, TriggerEvent.Source.SWEEP);
        Claim b = new Claim("k:b", 0, 11, TriggerEvent.Source.EVENT);

        StepVerifier.withVirtualTime(renewer::run, () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> {
                    renewer.hold(a);
                    renewer.hold(b);
                    renewer.hold(new Claim("k:broadcast", 0, -1, TriggerEvent.Source.BROADCAST));
                })
                .expectNoEvent(Duration.ofMillis(999))
                .then(() -> assertThat(store.renewals).isEmpty())
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertThat(store.renewals).singleElement()
                        .isEqualTo(java.util.Map.of("k:a", 10L, "k:b", 11L)))
                .then(() -> {
                    renewer.release(a);
                    store.lost = Set.of("k:b");
                })
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> {
                    assertThat(store.renewals).hasSize(2).last().isEqualTo(java.util.Map.of("k:b", 11L));
                    assertThat(renewer.held()).isZero();
                })
                .thenAwait(Duration.ofSeconds(5))
                .then(() -> assertThat(store.renewals).hasSize(2)) // nothing held: no script at all
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
