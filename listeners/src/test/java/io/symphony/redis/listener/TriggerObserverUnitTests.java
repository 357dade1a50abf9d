package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.keys.KeyFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** What a handler run tells its {@link TriggerObserver}, in virtual time, against a recording store. */
class TriggerObserverUnitTests {

    private static final KeyFactory KEYS = KeyFactory.defaults();

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final RecordingTriggerStore store = new RecordingTriggerStore();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger wrapped = new AtomicInteger();

    private final TriggerObserver recording = new TriggerObserver() {
        @Override
        public void fired(TriggerEvent event, Duration lag) {
            seen.add("fired " + event.action() + " lag " + lag.toMillis());
        }

        @Override
        public Mono<Void> handling(TriggerEvent event, Mono<Void> handling) {
            return handling.doOnSubscribe(subscription -> wrapped.incrementAndGet());
        }

        @Override
        public void retried(TriggerEvent event, int attempt, Throwable error) {
            seen.add("retried " + attempt + " " + error.getMessage());
        }

        @Override
        public void deadLettered(String action, int attempts) {
            seen.add("dead-lettered " + action + " after " + attempts);
        }

        @Override
        public void unknownAction(String action) {
            seen.add("unknown " + action);
        }
    };

    private HandlerRunner runner(TriggerRegistry registry, TriggerObserver observer) {
        TriggerListenerOptions options = TriggerListenerOptions.builder().scheduler(time).handlerScheduler(time)
                .clock(Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC)).observer(observer).build();
        return new HandlerRunner(registry, store, KEYS, (context, snapshot) -> context, options,
                new FireLagRecorder(options.clock()));
    }

    private static TriggerRegistry registry(UnhandledActions unhandled) {
        TriggerRegistry registry = TriggerRegistry.builder().retryPolicy(RetryPolicy.builder().maxAttempts(2)
                .timeout(Duration.ofSeconds(1)).backoff(Duration.ofMillis(100), Duration.ofMillis(100)).build())
                .unhandledActions(unhandled).build();
        registry.on("fail", event -> Mono.error(new IllegalStateException("boom")));
        return registry;
    }

    private static Claim claim(String action) {
        return new Claim(KEYS.triggerKey("acme", action, "id1"), 1_000, 42, TriggerEvent.Source.SWEEP);
    }

    private void run(HandlerRunner runner, Claim claim) {
        HandlerRunner.Closer closer = new HandlerRunner.Closer() {
            @Override
            public void ack(Claim acked) {
                seen.add("acked");
            }

            @Override
            public void closed(Claim closed) {
            }
        };
        StepVerifier.withVirtualTime(() -> runner.run(claim, closer), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(1))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aFailingHandler_isFiredOnce_retried_thenDeadLettered_insideTheObserversWrap() {
        run(runner(registry(UnhandledActions.LEAVE), recording), claim("fail"));

        assertThat(seen).containsExactly("fired fail lag 4000", "retried 1 boom", "dead-lettered fail after 2");
        assertThat(wrapped).as("the wrap is subscribed once; the retries run inside it").hasValue(1);
        assertThat(store.deadLetters).hasSize(1);
    }

    @Test
    void anActionWithoutAHandler_isReportedUnknown_andDeadLetteredWithoutAttempts() {
        run(runner(registry(UnhandledActions.DEAD_LETTER), recording), claim("mystery"));

        assertThat(seen).containsExactly("unknown mystery", "dead-lettered mystery after 0");
        assertThat(wrapped).hasValue(0);
    }

    @Test
    void aThrowingObserver_changesNothing() {
        TriggerObserver throwing = new TriggerObserver() {
            @Override
            public void fired(TriggerEvent event, Duration lag) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public Mono<Void> handling(TriggerEvent event, Mono<Void> handling) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void deadLettered(String action, int attempts) {
                throw new IllegalStateException("observer bug");
            }
        };

        run(runner(registry(UnhandledActions.LEAVE), throwing), claim("fail"));

        assertThat(store.deadLetters).singleElement().satisfies(letter -> assertThat(letter.attempts()).isEqualTo(2));
    }
}
