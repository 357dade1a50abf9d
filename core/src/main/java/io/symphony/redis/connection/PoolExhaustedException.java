package io.symphony.redis.connection;

import io.symphony.redis.SymphonyRedisException;
import java.time.Duration;

/**
 * A caller of a {@link io.symphony.redis.config.ConnectionStrategy#POOLED} pool got no connection: every connection
 * stayed borrowed for the whole acquire timeout, or so many callers were already waiting that the pending-acquire
 * limit turned this one away at once.
 *
 * <p>Nothing was sent to Redis. The message names the pool alias, the pool size and the limit that was hit
 * ({@code poolAcquireTimeout} or {@code poolMaxPendingAcquires}); the cause is reactor-pool's
 * {@code PoolAcquireTimeoutException} or {@code PoolAcquirePendingLimitException}.
 *
 * @since 0.1
 */
public final class PoolExhaustedException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    private final String pool;

    private PoolExhaustedException(String pool, String message, Throwable cause) {
        super(message, cause);
        this.pool = pool;
    }

    /**
     * The exception for a caller that waited the whole acquire timeout.
     *
     * @param pool the pool alias
     * @param size the number of connections in the pool
     * @param acquireTimeout the acquire timeout that ran out
     * @param cause reactor-pool's failure
     */
    public static PoolExhaustedException timedOut(String pool, int size, Duration acquireTimeout, Throwable cause) {
        return new PoolExhaustedException(pool, "No connection of pool '" + pool + "' became free within the acquire "
                + "timeout of " + acquireTimeout + " (all " + size + " connections borrowed; see poolSize and "
                + "poolAcquireTimeout)", cause);
    }

    /**
     * The exception for a caller turned away because too many callers already wait.
     *
     * @param pool the pool alias
     * @param size the number of connections in the pool
     * @param maxPending the pending-acquire limit that was hit
     * @param cause reactor-pool's failure
     */
    public static PoolExhaustedException pendingLimit(String pool, int size, int maxPending, Throwable cause) {
        return new PoolExhaustedException(pool, "Pool '" + pool + "' turned a caller away: all " + size
                + " connections are borrowed and " + maxPending + " callers already wait, the pending-acquire limit "
                + "(see poolMaxPendingAcquires)", cause);
    }

    /** The pool alias the caller asked for. */
    public String pool() {
        return pool;
    }
}
