package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class TriggerListenerOptionsUnitTests {

    @Test
    void toBuilder_roundTripsEveryField() {
        Scheduler timers = Schedulers.immediate();
        Scheduler handlers = Schedulers.single();
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        TriggerObserver observer = new TriggerObserver() { };
        ExpiryEventsOptions events = ExpiryEventsOptions.builder().pool("other").bufferSize(7)
                .backoff(Duration.ofMillis(3), Duration.ofMillis(9)).topologyRefresh(Duration.ofMillis(11)).build();
        TriggerListenerOptions options = TriggerListenerOptions.builder().events(events)
                .sweepInterval(Duration.ofMillis(13)).batchSize(17).lease(Duration.ofSeconds(19))
                .dedupWindow(Duration.ofMillis(23)).scheduler(timers).handlerScheduler(handlers)
                .sweepTimeout(Duration.ofMillis(29)).clock(clock).maxWaitingClaims(31).ackBatchSize(37)
                .ackMaxDelay(Duration.ofMillis(41)).observer(observer).build();

        TriggerListenerOptions copy = options.toBuilder().build();

        assertThat(copy).isEqualTo(options).hasSameHashCodeAs(options)
                .isNotEqualTo(TriggerListenerOptions.defaults());
        assertThat(options.toBuilder().ackMaxDelay(Duration.ofMillis(42)).build()).isNotEqualTo(options);
        assertThat(options.toBuilder().maxWaitingClaims(32).build()).isNotEqualTo(options);
        assertThat(copy.events()).isEqualTo(events);
        assertThat(copy.events().toBuilder().build()).isEqualTo(events);
        assertThat(copy.sweepInterval()).isEqualTo(Duration.ofMillis(13));
        assertThat(copy.batchSize()).isEqualTo(17);
        assertThat(copy.lease()).contains(Duration.ofSeconds(19));
        assertThat(copy.dedupWindow()).isEqualTo(Duration.ofMillis(23));
        assertThat(copy.scheduler()).isSameAs(timers);
        assertThat(copy.handlerScheduler()).isSameAs(handlers);
        assertThat(copy.sweepTimeout()).isEqualTo(Duration.ofMillis(29));
        assertThat(copy.clock()).isSameAs(clock);
        assertThat(copy.maxWaitingClaims()).isEqualTo(31);
        assertThat(copy.ackBatchSize()).isEqualTo(37);
        assertThat(copy.ackMaxDelay()).isEqualTo(Duration.ofMillis(41));
        assertThat(copy.toString()).contains("maxWaitingClaims=31", "ackBatchSize=37", "ackMaxDelay=PT0.041S");
        assertThat(copy.events().pool()).isEqualTo("other");
        assertThat(copy.events().bufferSize()).isEqualTo(7);
        assertThat(copy.events().minBackoff()).isEqualTo(Duration.ofMillis(3));
        assertThat(copy.events().maxBackoff()).isEqualTo(Duration.ofMillis(9));
        assertThat(copy.events().topologyRefresh()).isEqualTo(Duration.ofMillis(11));
        assertThat(options.toBuilder().defaultLease().build().lease()).isEmpty();
        assertThat(copy.observer()).isSameAs(observer);
        assertThat(TriggerListenerOptions.defaults().observer()).isSameAs(TriggerObserver.NOOP);
    }

    @Test
    void retryPolicy_toBuilder_roundTripsEveryField() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).timeout(Duration.ofMillis(7))
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();

        RetryPolicy copy = policy.toBuilder().build();

        assertThat(copy).isEqualTo(policy).isNotEqualTo(RetryPolicy.defaults());
        assertThat(copy.maxAttempts()).isEqualTo(5);
        assertThat(copy.timeout()).isEqualTo(Duration.ofMillis(7));
        assertThat(copy.firstBackoff()).isEqualTo(Duration.ofMillis(1));
        assertThat(copy.maxBackoff()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void defaults_matchTheDocumentedConstants() {
        TriggerListenerOptions options = TriggerListenerOptions.defaults();
        assertThat(options.sweepInterval()).isEqualTo(TriggerListenerOptions.DEFAULT_SWEEP_INTERVAL);
        assertThat(options.batchSize()).isEqualTo(TriggerListenerOptions.DEFAULT_BATCH_SIZE);
        assertThat(options.lease()).isEmpty();
        assertThat(options.sweepTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.maxWaitingClaims()).isEqualTo(TriggerListenerOptions.DEFAULT_MAX_WAITING_CLAIMS)
                .isEqualTo(1_000);
        assertThat(options.ackBatchSize()).isEqualTo(TriggerListenerOptions.DEFAULT_ACK_BATCH_SIZE).isEqualTo(500);
        assertThat(options.ackMaxDelay()).isEqualTo(TriggerListenerOptions.DEFAULT_ACK_MAX_DELAY)
                .isEqualTo(Duration.ofMillis(5));
        assertThat(options.handlerScheduler()).isSameAs(Schedulers.boundedElastic());
        assertThat(ExpiryEventsOptions.defaults().pool()).isEqualTo("expiry");
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
        assertThat(RetryPolicy.defaults().timeout()).isEqualTo(RetryPolicy.DEFAULT_TIMEOUT);
    }

    @Test
    void setters_rejectBadValues_namingThem() {
        TriggerListenerOptions.Builder builder = TriggerListenerOptions.builder();
        assertThatThrownBy(() -> builder.sweepTimeout(Duration.ZERO)).hasMessage("sweepTimeout must be >= 1 ms, was PT0S");
        assertThatThrownBy(() -> builder.batchSize(0)).hasMessage("batchSize must be > 0, was 0");
        assertThatThrownBy(() -> builder.maxWaitingClaims(0)).hasMessage("maxWaitingClaims must be > 0, was 0");
        assertThatThrownBy(() -> builder.ackBatchSize(-1)).hasMessage("ackBatchSize must be > 0, was -1");
        assertThatThrownBy(() -> builder.ackMaxDelay(Duration.ZERO)).hasMessage("ackMaxDelay must be >= 1 ms, was PT0S");
        assertThatThrownBy(() -> builder.lease(Duration.ofMillis(5))).hasMessageContaining("lease must be >= 30 ms")
                .hasMessageContaining("PT0.005S");
        assertThatThrownBy(() -> builder.sweepInterval(Duration.ofMillis(-1))).hasMessageContaining("sweepInterval");
        assertThatThrownBy(() -> builder.scheduler(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("scheduler");
        assertThatThrownBy(() -> ExpiryEventsOptions.builder().bufferSize(-3)).hasMessage("bufferSize must be > 0, was -3");
        assertThatThrownBy(() -> ExpiryEventsOptions.builder().pool(" ")).hasMessageContaining("pool must not be blank");
        assertThatThrownBy(() -> ExpiryEventsOptions.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("need 0 < minBackoff <= maxBackoff, were PT2S, PT1S");
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessage("maxAttempts must be >= 1, was 0");
        assertThatThrownBy(() -> RetryPolicy.builder().timeout(Duration.ZERO)).hasMessage("timeout must be > 0, was PT0S");
    }
}
