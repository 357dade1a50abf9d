package io.symphony.redis.connection;

/**
 * The live usage of one {@link io.symphony.redis.config.ConnectionStrategy#POOLED} pool, read from reactor-pool's
 * metrics at the moment of each call (cheap, lock-free reads; meant for gauges).
 *
 * @since 0.1
 */
public interface PoolUsage {

    /** Return the configured number of connections ({@code poolSize}). */
    int size();

    /** Return how many connections are borrowed right now. */
    int acquired();

    /** Return how many connections are open and free right now. */
    int idle();

    /** Return how many borrowers wait for a free connection right now. */
    int pending();

    /** Return the most borrowers allowed to wait ({@code poolMaxPendingAcquires}). */
    int maxPending();
}
