package io.symphony.redis.listener;

/**
 * Fire lag of the occurrences a listener started (handler start minus due time, in ms, local clock against the
 * server's due time).
 *
 * @param count occurrences started
 * @param meanMillis mean lag
 * @param maxMillis largest lag
 * @since 0.1
 */
public record FireLag(long count, long meanMillis, long maxMillis) {
}
