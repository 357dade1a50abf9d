package io.symphony.redis.ops.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Eager argument checks shared by the operations; every method throws at call time, never on subscribe. */
final class Args {

    /** Decimal text of 0 to 127, the usual increments, built once. */
    private static final String[] SMALL_DECIMALS = new String[128];

    static {
        for (int i = 0; i < SMALL_DECIMALS.length; i++) {
            SMALL_DECIMALS[i] = Integer.toString(i);
        }
    }

    private Args() {
    }

    static String key(String key) {
        return Objects.requireNonNull(key, "key");
    }

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /** Require a non-empty collection without null elements and return it as an array. */
    static String[] nonEmpty(Collection<String> values, String name) {
        Objects.requireNonNull(values, name);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (String value : values) {
            Objects.requireNonNull(value, () -> name + " must not contain null");
        }
        return values.toArray(new String[0]);
    }

    /** Require a collection (possibly empty) without null elements and return it as an array. */
    static String[] elements(Collection<String> values, String name) {
        Objects.requireNonNull(values, name);
        for (String value : values) {
            Objects.requireNonNull(value, () -> name + " must not contain null");
        }
        return values.toArray(new String[0]);
    }

    /** Require a non-empty map without null keys or values. */
    static <V> Map<String, V> nonEmpty(Map<String, V> values, String name) {
        Objects.requireNonNull(values, name);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, () -> name + " must not contain a null key");
            Objects.requireNonNull(v, () -> name + " must not contain a null value");
        });
        return values;
    }

    /** {@code value} as decimal text; small non-negative values without building a string. */
    static String decimal(long value) {
        return value >= 0 && value < SMALL_DECIMALS.length ? SMALL_DECIMALS[(int) value] : Long.toString(value);
    }

    /** Require a TTL of at least one millisecond (PEXPIRE 0 would delete the key) and return it in millis. */
    static long ttlMillis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
        return ttl.toMillis();
    }

    static long positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** Describe the keys of a multi-key command for error messages: the key itself, or the first and a count. */
    static String describe(List<String> keys) {
        return keys.size() == 1 ? keys.get(0) : keys.get(0) + " (+" + (keys.size() - 1) + " more)";
    }
}
