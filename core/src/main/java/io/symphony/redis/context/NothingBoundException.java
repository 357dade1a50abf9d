package io.symphony.redis.context;

import io.symphony.redis.SymphonyRedisException;

/**
 * Reading a binding from the Reactor {@code Context} found none: the pipeline was not wrapped with
 * {@code contextWrite(SymphonyContext.bind(...))}. When the pipeline recorded why nothing is bound
 * ({@link SymphonyContext#explainUnbound(String)}, as the WebFlux filter does for a request that names no tenant),
 * the message gives that reason instead of the generic advice.
 *
 * @since 0.1
 */
public class NothingBoundException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Create the exception for a missing binding of {@code type}.
     *
     * @param type the type that was looked up
     */
    public NothingBoundException(Class<?> type) {
        super("No " + type.getSimpleName() + " is bound in the Reactor Context: wrap the pipeline with "
                + ".contextWrite(SymphonyContext.bind(" + type.getSimpleName() + ".class, value))");
    }

    /**
     * Create the exception for a missing binding of {@code type}, with the reason the pipeline recorded.
     *
     * @param type the type that was looked up
     * @param reason why nothing is bound, e.g. which request headers were missing
     * @since 0.1
     */
    public NothingBoundException(Class<?> type, String reason) {
        super("No " + type.getSimpleName() + " is bound: " + reason);
    }
}
