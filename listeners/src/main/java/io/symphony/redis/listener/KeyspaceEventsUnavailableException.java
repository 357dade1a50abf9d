package io.symphony.redis.listener;

import io.symphony.redis.SymphonyRedisException;

/**
 * The server's {@code notify-keyspace-events} lacks the flags expiry events need ({@code E} and {@code x}) and the
 * server refused {@code CONFIG SET}: subscribing would silently receive nothing.
 *
 * @since 0.1
 */
public final class KeyspaceEventsUnavailableException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    /** Create the exception naming the endpoint, the current flags and the refusal. */
    public KeyspaceEventsUnavailableException(String endpoint, String currentFlags, Throwable cause) {
        super("notify-keyspace-events on " + endpoint + " is '" + currentFlags + "', which lacks 'E' and 'x', and "
                + "CONFIG SET was refused: enable 'Ex' on the server (for example in the provider's console)", cause);
    }
}
