package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TriggerListenerOptionsUnitTests {

    @Test
    void everyCopyKeepsTheSweepTimeout_andItMustBePositive() {
        TriggerListenerOptions options = TriggerListenerOptions.defaults().withSweepTimeout(Duration.ofMillis(750));

        assertThat(TriggerListenerOptions.defaults().sweepTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.withSweepInterval(Duration.ofMillis(50)).withBatchSize(10).withLease(Duration.ofSeconds(5))
                .withDedupWindow(Duration.ofMinutes(1)).withEvents(ExpiryEventsOptions.defaults()).sweepTimeout())
                .isEqualTo(Duration.ofMillis(750));
        assertThatThrownBy(() -> options.withSweepTimeout(Duration.ZERO)).hasMessageContaining("sweepTimeout");
    }
}
