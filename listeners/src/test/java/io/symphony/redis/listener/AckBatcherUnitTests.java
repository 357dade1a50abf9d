package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Batched acks in virtual time: coalescing by size and delay, retries, and the failure path. */
class AckBatcherUnitTests {

    private static final Duration DELAY = Duration.ofMillis(5);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final RecordingTriggerStore store = new RecordingTriggerStore();
    private final List<Claim> closed = new CopyOnWriteArrayList<>();
    private final AtomicLong failed = new AtomicLong();
    private final AckBatcher acks = new AckBatcher(store, 3, DELAY, time, failed, closed::add);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AckBatcher.class);

    private final Level level = logger.getLevel();

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(level);
    }

    private static List<Claim> claims(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Claim("k:" + i, 0, 100 + i, TriggerEvent.Source.SWEEP))
                .toList();
    }

    @Test
    void acks_shareScriptsBySize_andNoneWaitsLongerThanTheDelay() {
        List<Claim> five = claims(5);

        StepVerifier.withVirtualTime(acks::run, () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> five.forEach(acks::ack))
                // three fill a batch at once; the other two wait for the delay
                .then(() -> assertThat(store.ackBatches).containsExactly(five.subList(0, 3)))
                .then(() -> assertThat(closed).containsExactlyElementsOf(five.subList(0, 3)))
                .expectNoEvent(DELAY.minusMillis(1))
                .then(() -> assertThat(store.ackBatches).hasSize(1))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertThat(store.ackBatches).containsExactly(five.subList(0, 3), five.subList(3, 5)))
                .then(acks::complete)
                .verifyComplete();

        assertThat(store.ackScripts).hasValue(2);
        assertThat(closed).containsExactlyInAnyOrderElementsOf(five);
        assertThat(failed).hasValue(0);
    }

    @Test
    void complete_sendsWhatIsBuffered_thenCompletes() {
        StepVerifier.withVirtualTime(acks::run, () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> claims(1).forEach(acks::ack))
                .then(acks::complete)
                .verifyComplete();

        assertThat(store.acks).containsExactlyElementsOf(claims(1));
        assertThat(closed).containsExactlyElementsOf(claims(1));
    }

    @Test
    void failedScript_isRetried_andTheClaimsClosedOnlyWhenItSucceeds() {
        store.failingAcks.set(2);

        StepVerifier.withVirtualTime(acks::run, () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> claims(3).forEach(acks::ack))
                .then(() -> assertThat(closed).isEmpty()) // leases stay renewed while the ack is retried
                .thenAwait(Duration.ofSeconds(5))
                .then(acks::complete)
                .verifyComplete();

        assertThat(store.ackScripts).hasValue(3);
        assertThat(store.acks).containsExactlyElementsOf(claims(3));
        assertThat(closed).containsExactlyElementsOf(claims(3));
        assertThat(failed).hasValue(0);
    }

    @Test
    void ackThatFailsEveryRetry_isLoggedOnce_counted_andLeftToTheLease() {
        store.failingAcks.set(Integer.MAX_VALUE);

        StepVerifier.withVirtualTime(acks::run, () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> claims(3).forEach(acks::ack))
                .then(() -> claims(5).subList(3, 5).forEach(acks::ack))
                .thenAwait(HandlerRunner.CLOSE_RETRY_SPAN.multipliedBy(2))
                .then(acks::complete)
                .verifyComplete();

        assertThat(store.ackScripts.get()).isGreaterThan(2);
        assertThat(store.acks).isEmpty();
        // every claim let go (its renewals stop, so its lease re-delivers it), each counted once
        assertThat(closed).containsExactlyInAnyOrderElementsOf(claims(5));
        assertThat(failed).hasValue(5);
        // one WARN for the first retried batch and one for the first given up; the second batch's at DEBUG
        assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactlyInAnyOrder(
                        message -> assertThat(message).contains("Acknowledging", "injected ack failure", "retrying"),
                        message -> assertThat(message).contains("Could not acknowledge", "injected ack failure",
                                "leases will re-deliver"));
        assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.DEBUG).hasSize(2);
    }

    @Test
    void broadcastOccurrence_hasNothingToAcknowledge() {
        Claim broadcast = new Claim("k:b", 0, -1, TriggerEvent.Source.BROADCAST);

        StepVerifier.withVirtualTime(acks::run, () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> acks.ack(broadcast))
                .then(acks::complete)
                .verifyComplete();

        assertThat(store.ackScripts).hasValue(0);
        assertThat(closed).containsExactly(broadcast);
    }
}
