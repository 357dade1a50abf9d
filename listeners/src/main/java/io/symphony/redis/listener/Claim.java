package io.symphony.redis.listener;

import org.jspecify.annotations.Nullable;

/**
 * One claimed occurrence: its key, due time, the token that identifies the claim ({@code -1}: none, broadcast),
 * the path that delivered it and the snapshot of the context it was set in ({@code null}: none).
 */
record Claim(String key, long dueMillis, long lease, TriggerEvent.Source source, @Nullable String context) {

    Claim(String key, long dueMillis, long lease, TriggerEvent.Source source) {
        this(key, dueMillis, lease, source, null);
    }
}
