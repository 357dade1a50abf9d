package io.symphony.redis.listener;

import java.time.Duration;
import java.util.Objects;

/** Validation shared by the option builders; each message names the option and its value. */
final class Durations {

    private Durations() {
    }

    static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    static Duration atLeastOneMilli(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 ms, was " + value);
        }
        return value;
    }
}
