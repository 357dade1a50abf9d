package io.symphony.redis;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception Symphony Redis signals, whether thrown at call time or delivered as {@code onError}.
 *
 * <p>Subtypes carry structured fields (pool alias, key, command, field) so callers can react without parsing
 * messages; the message always names them too, and the original cause is always kept.
 *
 * @since 0.1
 */
public class SymphonyRedisException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Create an exception with a message and no cause.
     *
     * @param message what went wrong, naming key, pool and command where known
     */
    public SymphonyRedisException(String message) {
        super(message);
    }

    /**
     * Create an exception that wraps its cause.
     *
     * @param message what went wrong, naming key, pool and command where known
     * @param cause the underlying failure, kept as the cause
     */
    public SymphonyRedisException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
