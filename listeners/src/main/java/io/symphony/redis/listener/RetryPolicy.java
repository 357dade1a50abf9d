package io.symphony.redis.listener;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failing or slow handler is retried before its occurrence is dead-lettered: up to {@link #maxAttempts()}
 * attempts, each limited to {@link #timeout()}, with exponential backoff (and jitter) between
 * {@link #firstBackoff()} and {@link #maxBackoff()}. Immutable; build with {@link #builder()}, copy with
 * {@link #toBuilder()}.
 *
 * @since 0.1
 */
public final class RetryPolicy {

    /** Default attempts in total: 3. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default time one attempt may take: 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default delay before the first retry: 200 ms. */
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(200);
    /** Default largest delay between retries: 5 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration timeout;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.timeout = builder.timeout;
        this.firstBackoff = builder.firstBackoff;
        this.maxBackoff = builder.maxBackoff;
    }

    /** Return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Return the defaults: 3 attempts, 30 s each, backoff 200 ms to 5 s. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** Return a builder holding this policy's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Return the attempts in total, at least 1. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Return the time one attempt may take before it counts as failed, timed from when the attempt starts on the
     * listener's handler scheduler (time queued for a busy scheduler does not count).
     */
    public Duration timeout() {
        return timeout;
    }

    /** Return the delay before the first retry; later retries back off exponentially (with jitter). */
    public Duration firstBackoff() {
        return firstBackoff;
    }

    /** Return the largest delay between retries. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Return the longest one occurrence can take: every attempt timing out, with the largest backoffs (plus jitter). */
    public Duration worstCase() {
        Duration backoff = maxBackoff.multipliedBy(2).multipliedBy(maxAttempts - 1L);
        return timeout.multipliedBy(maxAttempts).plus(backoff);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that && maxAttempts == that.maxAttempts && timeout.equals(that.timeout)
                && firstBackoff.equals(that.firstBackoff) && maxBackoff.equals(that.maxBackoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, timeout, firstBackoff, maxBackoff);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", timeout=" + timeout + ", firstBackoff=" + firstBackoff
                + ", maxBackoff=" + maxBackoff + "]";
    }

    /** Builder of {@link RetryPolicy}; each setter rejects a bad value at once, naming it. Not thread-safe. */
    public static final class Builder {

        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration firstBackoff = DEFAULT_FIRST_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

        private Builder() {
        }

        private Builder(RetryPolicy policy) {
            maxAttempts = policy.maxAttempts;
            timeout = policy.timeout;
            firstBackoff = policy.firstBackoff;
            maxBackoff = policy.maxBackoff;
        }

        /**
         * Set the attempts in total (default {@value RetryPolicy#DEFAULT_MAX_ATTEMPTS}).
         *
         * @throws IllegalArgumentException if {@code attempts < 1}
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Set the time one attempt may take (default 30 s).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration perAttempt) {
            this.timeout = Durations.positive(perAttempt, "timeout");
            return this;
        }

        /**
         * Set the backoff bounds (default 200 ms and 5 s).
         *
         * @throws IllegalArgumentException unless {@code 0 <= first <= max}
         */
        public Builder backoff(Duration first, Duration max) {
            Objects.requireNonNull(first, "firstBackoff");
            Objects.requireNonNull(max, "maxBackoff");
            if (first.isNegative() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("need 0 <= firstBackoff <= maxBackoff, were " + first + ", "
                        + max);
            }
            this.firstBackoff = first;
            this.maxBackoff = max;
            return this;
        }

        /** Return the policy. */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
