package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.listener.ListenerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How long the expiry subscription has been lost, on a clock the test moves. */
class ListenerConnectivityUnitTests {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void lostTimeCountsFromTheFirstStateAfterConnected_untilConnectedAgain() {
        ListenerConnectivity connectivity = new ListenerConnectivity(clock);
        assertThat(connectivity.snapshot()).isNull();

        connectivity.record(ListenerState.CONNECTING);
        now = now.plusSeconds(1);
        connectivity.record(ListenerState.CONNECTED);
        assertThat(connectivity.lostFor(connectivity.snapshot())).isZero();

        now = now.plusSeconds(10);
        Instant lost = now;
        connectivity.record(ListenerState.RECONNECTING);
        now = now.plusSeconds(2);
        connectivity.record(ListenerState.CONNECTING);
        now = now.plusSeconds(3);
        connectivity.record(ListenerState.RECONNECTING);

        ListenerConnectivity.Snapshot snapshot = connectivity.snapshot();
        assertThat(snapshot.state()).isEqualTo(ListenerState.RECONNECTING);
        assertThat(snapshot.lostSince()).isEqualTo(lost);
        now = now.plusSeconds(1);
        assertThat(connectivity.lostFor(snapshot)).isEqualTo(Duration.ofSeconds(6));

        connectivity.record(ListenerState.CONNECTED);
        assertThat(connectivity.snapshot().lostSince()).isNull();
        assertThat(connectivity.lostFor(connectivity.snapshot())).isZero();
    }
}
