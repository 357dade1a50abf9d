package io.symphony.redis.listener;

/**
 * The state of the pub/sub connection behind {@link ExpiryEvents}.
 *
 * @since 0.1
 */
public enum ListenerState {
    /** Connecting for the first time (or again after a failed attempt). */
    CONNECTING,
    /** Subscribed: events are arriving. */
    CONNECTED,
    /** The connection was lost; events published until {@link #CONNECTED} are lost. Reconnecting with backoff. */
    RECONNECTING,
    /** Closed on purpose. */
    STOPPED
}
