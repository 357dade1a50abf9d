package io.symphony.redis.listener;

import java.time.Instant;
import java.util.Objects;

/**
 * One occurrence of a trigger, handed to its handler.
 *
 * @param tenant the tenant, unescaped
 * @param action the action, unescaped
 * @param identifier the identifier exactly as given to {@code RedisTrigger.set}
 * @param key the trigger key
 * @param dueAt when the trigger was due (server clock); for a trigger key written without a due-index entry, the
 *     time its expiry was claimed
 * @param source which path delivered it
 * @since 0.1
 */
public record TriggerEvent(String tenant, String action, String identifier, String key, Instant dueAt,
        Source source) {

    /** Reject {@code null} parts. */
    public TriggerEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(source, "source");
    }

    /** The path that delivered an occurrence. */
    public enum Source {
        /** The keyspace expiry event claimed an indexed trigger. */
        EVENT,
        /** The keyspace expiry event of a trigger key without a due-index entry (written as the original does). */
        EVENT_UNINDEXED,
        /** The due-index sweeper. */
        SWEEP,
        /** A claim whose lease ran out (its listener died) was delivered again. */
        REDELIVERY,
        /** Broadcast mode: the keyspace event, without a claim. */
        BROADCAST
    }
}
