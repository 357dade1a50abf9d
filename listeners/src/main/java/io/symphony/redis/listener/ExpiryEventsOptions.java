package io.symphony.redis.listener;

import io.symphony.redis.config.PoolAliases;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link ExpiryEvents}: which pool's DB is watched, how many events are buffered, the re-connect
 * backoff and (Cluster only) how often the topology is re-read. Immutable; build with {@link #builder()}, copy with
 * {@link #toBuilder()}.
 *
 * @since 0.1
 */
public final class ExpiryEventsOptions {

    /** Default pool alias: {@code expiry} (the original's listener alias). */
    public static final String DEFAULT_POOL = PoolAliases.EXPIRY;
    /** Default buffer: 10,000 events. */
    public static final int DEFAULT_BUFFER_SIZE = 10_000;
    /** Default first backoff: 100 ms. */
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    /** Default largest backoff: 10 s (the original's fixed reconnect delay). */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    /** Default Cluster topology re-read while healthy: 5 s. */
    public static final Duration DEFAULT_TOPOLOGY_REFRESH = Duration.ofSeconds(5);

    private static final ExpiryEventsOptions DEFAULTS = builder().build();

    private final String pool;
    private final int bufferSize;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Duration topologyRefresh;

    private ExpiryEventsOptions(Builder builder) {
        this.pool = builder.pool;
        this.bufferSize = builder.bufferSize;
        this.minBackoff = builder.minBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.topologyRefresh = builder.topologyRefresh;
    }

    /** Return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Return the defaults, on the {@code expiry} pool. */
    public static ExpiryEventsOptions defaults() {
        return DEFAULTS;
    }

    /** Return a builder holding these options' values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Return the pool alias whose DB is watched. */
    public String pool() {
        return pool;
    }

    /** Return how many events are buffered for slow subscribers; when full the oldest is dropped and counted. */
    public int bufferSize() {
        return bufferSize;
    }

    /** Return the first delay before re-connecting after a failed connect. */
    public Duration minBackoff() {
        return minBackoff;
    }

    /** Return the largest delay between connect attempts. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * Return how often, on Redis Cluster, the topology ({@code CLUSTER NODES}) is re-read while every primary is
     * subscribed, to find primaries that appeared without any connection dropping; while a primary is not
     * subscribed it is re-read every 250 ms.
     */
    public Duration topologyRefresh() {
        return topologyRefresh;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpiryEventsOptions that && pool.equals(that.pool) && bufferSize == that.bufferSize
                && minBackoff.equals(that.minBackoff) && maxBackoff.equals(that.maxBackoff)
                && topologyRefresh.equals(that.topologyRefresh);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pool, bufferSize, minBackoff, maxBackoff, topologyRefresh);
    }

    @Override
    public String toString() {
        return "ExpiryEventsOptions[pool=" + pool + ", bufferSize=" + bufferSize + ", minBackoff=" + minBackoff
                + ", maxBackoff=" + maxBackoff + ", topologyRefresh=" + topologyRefresh + "]";
    }

    /** Builder of {@link ExpiryEventsOptions}; each setter rejects a bad value at once, naming it. */
    public static final class Builder {

        private String pool = DEFAULT_POOL;
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration topologyRefresh = DEFAULT_TOPOLOGY_REFRESH;

        private Builder() {
        }

        private Builder(ExpiryEventsOptions options) {
            pool = options.pool;
            bufferSize = options.bufferSize;
            minBackoff = options.minBackoff;
            maxBackoff = options.maxBackoff;
            topologyRefresh = options.topologyRefresh;
        }

        /**
         * Set the pool alias whose DB is watched (default {@code expiry}).
         *
         * @throws IllegalArgumentException if blank
         */
        public Builder pool(String alias) {
            Objects.requireNonNull(alias, "pool");
            if (alias.isBlank()) {
                throw new IllegalArgumentException("pool must not be blank, was '" + alias + "'");
            }
            this.pool = alias;
            return this;
        }

        /**
         * Set the event buffer (default {@value ExpiryEventsOptions#DEFAULT_BUFFER_SIZE}).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder bufferSize(int size) {
            if (size <= 0) {
                throw new IllegalArgumentException("bufferSize must be > 0, was " + size);
            }
            this.bufferSize = size;
            return this;
        }

        /**
         * Set the re-connect backoff bounds (default 100 ms and 10 s).
         *
         * @throws IllegalArgumentException unless {@code 0 < min <= max}
         */
        public Builder backoff(Duration min, Duration max) {
            Objects.requireNonNull(min, "minBackoff");
            Objects.requireNonNull(max, "maxBackoff");
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("need 0 < minBackoff <= maxBackoff, were " + min + ", " + max);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Set the Cluster topology re-read interval (default 5 s).
         *
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder topologyRefresh(Duration interval) {
            this.topologyRefresh = Durations.atLeastOneMilli(interval, "topologyRefresh");
            return this;
        }

        /** Return the options. */
        public ExpiryEventsOptions build() {
            return new ExpiryEventsOptions(this);
        }
    }
}
