package io.symphony.redis.connection;

import io.symphony.redis.SymphonyRedisException;

/**
 * A TLS connection to Redis could not be set up: the server's certificate was not trusted, had expired or did not
 * name the host, the server rejected or required a client certificate, or the two sides share no protocol.
 *
 * <p>The message names the endpoint and the reason, e.g. {@code TLS handshake with 127.0.0.1:6380 failed: server
 * certificate not trusted (not issued by a trusted CA)}; it never contains key material or passwords. The JDK's
 * {@code SSLException} is kept as the cause chain.
 *
 * @since 0.1
 */
public final class TlsHandshakeException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final String reason;

    /**
     * Create the exception.
     *
     * @param endpoint {@code host:port} of the server (or the seeds of a Cluster)
     * @param reason what failed, in words
     * @param cause the Lettuce or JDK failure
     */
    public TlsHandshakeException(String endpoint, String reason, Throwable cause) {
        super("TLS handshake with " + endpoint + " failed: " + reason, cause);
        this.endpoint = endpoint;
        this.reason = reason;
    }

    /** The server, as {@code host:port}. */
    public String endpoint() {
        return endpoint;
    }

    /** What failed, in words, without the endpoint. */
    public String reason() {
        return reason;
    }
}
