package io.symphony.redis.listener;

import io.symphony.redis.config.PoolAliases;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link ExpiryEvents}.
 *
 * @param pool the pool alias whose DB is watched ({@code expiry})
 * @param bufferSize events buffered for slow subscribers; when full the oldest is dropped and counted
 * @param minBackoff first delay before re-connecting after a failed connect
 * @param maxBackoff largest delay between connect attempts
 * @param topologyRefresh Redis Cluster only: how often the topology ({@code CLUSTER NODES}) is re-read while every
 *     primary is subscribed, to find primaries that appeared without any connection dropping (a manual failover,
 *     a node added); while a primary is not subscribed it is re-read every 250 ms
 * @since 0.1
 */
public record ExpiryEventsOptions(String pool, int bufferSize, Duration minBackoff, Duration maxBackoff,
        Duration topologyRefresh) {

    /** Default buffer: 10,000 events. */
    public static final int DEFAULT_BUFFER_SIZE = 10_000;
    /** Default first backoff: 100 ms. */
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    /** Default largest backoff: 10 s (the original's fixed reconnect delay). */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    /** Default Cluster topology re-read while healthy: 5 s. */
    public static final Duration DEFAULT_TOPOLOGY_REFRESH = Duration.ofSeconds(5);

    /** Validate. */
    public ExpiryEventsOptions {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(topologyRefresh, "topologyRefresh");
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("bufferSize must be > 0, was " + bufferSize);
        }
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < minBackoff <= maxBackoff, were " + minBackoff + ", "
                    + maxBackoff);
        }
        if (topologyRefresh.toMillis() < 1) {
            throw new IllegalArgumentException("topologyRefresh must be >= 1 ms, was " + topologyRefresh);
        }
    }

    /** The defaults on the {@code expiry} pool. */
    public static ExpiryEventsOptions defaults() {
        return new ExpiryEventsOptions(PoolAliases.EXPIRY, DEFAULT_BUFFER_SIZE, DEFAULT_MIN_BACKOFF,
                DEFAULT_MAX_BACKOFF, DEFAULT_TOPOLOGY_REFRESH);
    }

    /** A copy watching another pool alias. */
    public ExpiryEventsOptions withPool(String alias) {
        return new ExpiryEventsOptions(alias, bufferSize, minBackoff, maxBackoff, topologyRefresh);
    }

    /** A copy with another buffer size. */
    public ExpiryEventsOptions withBufferSize(int size) {
        return new ExpiryEventsOptions(pool, size, minBackoff, maxBackoff, topologyRefresh);
    }

    /** A copy with another Cluster topology re-read interval. */
    public ExpiryEventsOptions withTopologyRefresh(Duration interval) {
        return new ExpiryEventsOptions(pool, bufferSize, minBackoff, maxBackoff, interval);
    }
}
