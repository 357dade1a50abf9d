package io.symphony.redis.ops.internal;

import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The argument built for the last TTL seen, kept for the next command: repositories pass their default TTL on almost
 * every call, so its text (or {@code SetArgs}) is built once rather than per command. Thread-safe: a racing call at
 * worst builds the same argument again. The values must not be changed once built.
 */
final class LastTtl<T> {

    private final LongFunction<T> build;
    private volatile @Nullable Entry<T> last;

    LastTtl(LongFunction<T> build) {
        this.build = build;
    }

    /** The argument for {@code millis}: the kept one if it was built for the same milliseconds. */
    T of(long millis) {
        Entry<T> entry = last;
        if (entry != null && entry.millis() == millis) {
            return entry.value();
        }
        T value = build.apply(millis);
        last = new Entry<>(millis, value);
        return value;
    }

    private record Entry<T>(long millis, T value) {
    }
}
