package io.symphony.redis.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LastTtlUnitTests {

    private final AtomicInteger builds = new AtomicInteger();
    private final LastTtl<String> text = new LastTtl<>(millis -> {
        builds.incrementAndGet();
        return Long.toString(millis);
    });

    @Test
    void sameMillis_buildsOnceAndReturnsTheKeptValue() {
        String first = text.of(90_000);
        String second = text.of(90_000);

        assertThat(second).isSameAs(first).isEqualTo("90000");
        assertThat(builds).hasValue(1);
    }

    @Test
    void otherMillis_buildsItsOwnValueAndKeepsThatOne() {
        assertThat(text.of(1_000)).isEqualTo("1000");
        assertThat(text.of(2_000)).isEqualTo("2000");
        assertThat(text.of(1_000)).isEqualTo("1000");
        assertThat(text.of(1_000)).isEqualTo("1000");

        assertThat(builds).hasValue(3);
    }
}
