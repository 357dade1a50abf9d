package io.symphony.redis.keys;

import java.util.Objects;

/**
 * A parsed expiry-trigger key: the unescaped tenant, action and identifier, and the key they came from.
 *
 * @param tenant the tenant, unescaped
 * @param action the action name, unescaped
 * @param identifier the identifier, unescaped
 * @param key the Redis key exactly as it was parsed
 * @see KeyFactory#parseTrigger(String)
 * @since 0.1
 */
public record TriggerKey(String tenant, String action, String identifier, String key) {

    /** Reject {@code null} parts. */
    public TriggerKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(key, "key");
    }
}
