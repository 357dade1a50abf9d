package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecentClaimsUnitTests {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {

        private long millis;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void claimedKey_isKnownForHalfTheDedupWindow_thenForgotten() {
        RecentClaims recent = new RecentClaims(clock, Duration.ofSeconds(10), 100);
        recent.add("k:a");

        clock.millis = 5_000;
        assertThat(recent.contains("k:a")).isTrue();
        assertThat(recent.contains("k:b")).isFalse();
        clock.millis = 5_001;
        assertThat(recent.contains("k:a")).isFalse();
        recent.add("k:b"); // trims what is too old
        assertThat(recent.size()).isEqualTo(1);
    }

    @Test
    void atMostMaxKeys_theOldestGoFirst_andAReclaimRefreshesAKey() {
        RecentClaims recent = new RecentClaims(clock, Duration.ofMinutes(10), 3);
        recent.add("k:1");
        recent.add("k:2");
        recent.add("k:3");
        recent.add("k:1");
        recent.add("k:4");

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.contains("k:2")).isFalse();
        assertThat(recent.contains("k:1")).isTrue();
        assertThat(recent.contains("k:3")).isTrue();
        assertThat(recent.contains("k:4")).isTrue();
    }
}
