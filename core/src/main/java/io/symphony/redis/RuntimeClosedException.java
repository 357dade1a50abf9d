package io.symphony.redis;

/**
 * The runtime (or the pool a call ran on) was closed before or while the call ran.
 *
 * <p>Every publisher obtained from a closed runtime signals it as {@code onError}, and every accessor of a closed
 * runtime that hands out a scheduler or the blocking bridge throws it. Retrying cannot help: create a new runtime.
 * Code that retries failed calls should test for this type (in the cause chain) and stop.
 *
 * @since 0.1
 */
public class RuntimeClosedException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what was refused, naming the pool alias where known
     */
    public RuntimeClosedException(String message) {
        super(message);
    }

    /**
     * Create the exception for a call the close cut off.
     *
     * @param message what was refused, naming the pool alias where known
     * @param cause the failure the closing connection reported, kept as the cause
     */
    public RuntimeClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
