package io.symphony.redis.context;

import io.symphony.redis.SymphonyRedisException;

/**
 * Reading a binding from the Reactor {@code Context} found none: the pipeline was not wrapped with
 * {@code contextWrite(SymphonyContext.bind(...))}.
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
}
