package io.symphony.redis.boot;

import io.symphony.redis.SymphonyRedisException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code symphony.redis.*} property holds a value the toolkit rejects (or a required one is missing). Thrown at
 * start-up while the beans are created; Boot's failure analysis reports the property, the value and what to set.
 *
 * @since 0.1
 */
public final class InvalidSymphonyRedisPropertyException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final @Nullable String value;
    private final String reason;

    /**
     * Create the exception.
     *
     * @param property the property's full name, e.g. {@code symphony.redis.pool-size}
     * @param value the rejected value as configured, passwords masked; {@code null} when it is missing
     * @param reason why it was rejected, in the toolkit's words
     * @param cause the toolkit's rejection, or {@code null}
     */
    public InvalidSymphonyRedisPropertyException(String property, @Nullable String value, String reason,
            @Nullable Throwable cause) {
        super("Invalid Symphony Redis property " + property + " = " + (value == null ? "(not set)" : "'" + value + "'")
                + ": " + reason, cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
    }

    /** The property's full name. */
    public String property() {
        return property;
    }

    /** The rejected value, passwords masked; {@code null} when the property is not set. */
    public @Nullable String value() {
        return value;
    }

    /** Why the value was rejected. */
    public String reason() {
        return reason;
    }
}
