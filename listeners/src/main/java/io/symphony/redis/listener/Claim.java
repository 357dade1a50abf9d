package io.symphony.redis.listener;

/**
 * One claimed occurrence: its key, due time, the lease that identifies the claim ({@code -1}: none, broadcast) and
 * the path that delivered it.
 */
record Claim(String key, long dueMillis, long lease, TriggerEvent.Source source) {
}
