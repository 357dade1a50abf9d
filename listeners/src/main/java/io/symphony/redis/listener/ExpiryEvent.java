package io.symphony.redis.listener;

import java.util.Objects;

/**
 * One keyspace {@code expired} event of an expiry-trigger key, parsed.
 *
 * @param tenant the tenant, unescaped
 * @param action the action, unescaped (may contain {@code :})
 * @param identifier the identifier exactly as the caller gave it (unescaped, may contain {@code :})
 * @param key the expired Redis key
 * @param pool the pool alias whose DB the event came from
 * @since 0.1
 */
public record ExpiryEvent(String tenant, String action, String identifier, String key, String pool) {

    /** Reject {@code null} parts. */
    public ExpiryEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pool, "pool");
    }
}
