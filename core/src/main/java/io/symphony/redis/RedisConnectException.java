package io.symphony.redis;

import java.util.Objects;

/**
 * A pool alias could not connect to its Redis server: wrong credentials, no answer within the connect timeout, a
 * refused connection, a host name that does not resolve, or another failure while connecting.
 *
 * <p>The message names the pool alias, the endpoint with its password masked, and the cause in plain words, for
 * example {@code Could not connect pool 'default' to redis://bob:***@127.0.0.1:6379 db 15: authentication failed
 * (WRONGPASS invalid username-password pair or user is disabled.)}. {@link #reason()} says the same for code; the
 * client's exception is kept as the cause.
 *
 * @since 0.1
 */
public class RedisConnectException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Why a connection could not be established.
     *
     * @since 0.1
     */
    public enum Reason {
        /** The server refused the credentials ({@code WRONGPASS}), or asked for some and the URL gives none. */
        AUTHENTICATION_FAILED,
        /** The server did not complete the connection (TCP connect and handshake) within the connect timeout. */
        TIMED_OUT,
        /** Nothing listens on the endpoint's port (TCP connection refused). */
        CONNECTION_REFUSED,
        /** The endpoint's host name does not resolve. */
        UNKNOWN_HOST,
        /** Anything else (for example an unknown Sentinel master name or no reachable Cluster seed). */
        OTHER
    }

    private final String pool;
    private final String endpoint;
    private final Reason reason;

    /**
     * Create the exception.
     *
     * @param pool the pool alias that could not connect
     * @param endpoint the endpoint it connects to, with its password masked (never pass a raw URL)
     * @param reason why it could not connect
     * @param message the full message, naming pool, endpoint and cause
     * @param cause the client's failure
     */
    public RedisConnectException(String pool, String endpoint, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.pool = Objects.requireNonNull(pool, "pool");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The pool alias that could not connect. */
    public String pool() {
        return pool;
    }

    /** The endpoint (URL with its password masked) the pool tried to connect to. */
    public String endpoint() {
        return endpoint;
    }

    /** Why the connection could not be established. */
    public Reason reason() {
        return reason;
    }
}
