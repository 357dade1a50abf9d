package io.symphony.redis.listener;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failing or slow handler is retried before its occurrence is dead-lettered.
 *
 * @param maxAttempts attempts in total, at least 1
 * @param timeout time one attempt may take before it counts as failed
 * @param firstBackoff delay before the first retry; later retries back off exponentially (with jitter)
 * @param maxBackoff largest delay between retries
 * @since 0.1
 */
public record RetryPolicy(int maxAttempts, Duration timeout, Duration firstBackoff, Duration maxBackoff) {

    /** Default attempts: 3. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default timeout per attempt: 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default first backoff: 200 ms. */
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(200);
    /** Default largest backoff: 5 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    /** Validate; the message names the bad value. */
    public RetryPolicy {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= firstBackoff <= maxBackoff, were " + firstBackoff + ", "
                    + maxBackoff);
        }
    }

    /** The defaults: 3 attempts, 30 s each, backoff 200 ms to 5 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /** A copy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, timeout, firstBackoff, maxBackoff);
    }

    /** A copy with another per-attempt timeout. */
    public RetryPolicy withTimeout(Duration perAttempt) {
        return new RetryPolicy(maxAttempts, perAttempt, firstBackoff, maxBackoff);
    }

    /** A copy with other backoff bounds. */
    public RetryPolicy withBackoff(Duration first, Duration max) {
        return new RetryPolicy(maxAttempts, timeout, first, max);
    }

    /** The longest one occurrence can take: every attempt timing out, with the largest backoffs (plus jitter). */
    public Duration worstCase() {
        Duration backoff = maxBackoff.multipliedBy(2).multipliedBy(maxAttempts - 1L);
        return timeout.multipliedBy(maxAttempts).plus(backoff);
    }
}
