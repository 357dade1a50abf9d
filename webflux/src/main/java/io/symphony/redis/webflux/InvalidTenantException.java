package io.symphony.redis.webflux;

import io.symphony.redis.SymphonyRedisException;

/**
 * The request names a tenant or user that cannot be used: only one of the two, blank, or one no Redis key may
 * hold. {@link SymphonyWebFilter} answers it with {@code 400 Bad Request} and this message as the detail of an
 * RFC 9457 problem ({@code application/problem+json}).
 *
 * @since 0.1
 */
public final class InvalidTenantException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what is wrong, naming the offending header or claim (never a secret)
     */
    public InvalidTenantException(String message) {
        super(message);
    }

    /**
     * Create the exception with the validation failure that caused it.
     *
     * @param message what is wrong, naming the offending header or claim (never a secret)
     * @param cause the key factory's or scope's rejection
     */
    public InvalidTenantException(String message, Throwable cause) {
        super(message, cause);
    }
}
