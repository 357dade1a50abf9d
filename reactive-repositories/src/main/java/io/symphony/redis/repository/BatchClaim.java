package io.symphony.redis.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Items a consumer took from a batch list with {@link RedisBatch#claim}; hand it back to {@link RedisBatch#ack}
 * once they are processed.
 *
 * @param claimId the random id of the claim, unique per claim
 * @param consumerId the consumer that made the claim (informational; stored with the claim)
 * @param service the batch's service
 * @param entityKey the batch's entity
 * @param action the batch's action
 * @param listKey the Redis key of the batch list the items came from
 * @param items the decoded items, in list order; a stored {@code null} (Python's {@code None}) is a {@code null}
 *     element; the list is unmodifiable
 * @param deadline when the claim expires (server time): after it, the next claim or
 *     {@link RedisBatch#requeueExpired} moves the items back to the head of the list and this claim can no longer
 *     be acknowledged
 * @since 0.1
 */
public record BatchClaim(String claimId, String consumerId, String service, String entityKey, String action,
        String listKey, List<@Nullable Object> items, Instant deadline) {

    /** Validate and copy the items into an unmodifiable list (which may hold {@code null}). */
    public BatchClaim {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(entityKey, "entityKey");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(listKey, "listKey");
        Objects.requireNonNull(deadline, "deadline");
        items = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(items, "items")));
    }
}
