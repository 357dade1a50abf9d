package io.symphony.redis.listener;

import java.time.Instant;
import java.util.Objects;

/**
 * An occurrence whose handler failed every attempt (or whose action had no handler), kept in Redis until replayed.
 *
 * @param id the dead letter's id
 * @param tenant the tenant
 * @param action the action
 * @param identifier the identifier
 * @param key the trigger key
 * @param attempts attempts made
 * @param error the last error ({@code Class: message})
 * @param failedAt when it was dead-lettered
 * @since 0.1
 */
public record DeadLetter(String id, String tenant, String action, String identifier, String key, int attempts,
        String error, Instant failedAt) {

    /** Reject {@code null} parts. */
    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
