package io.symphony.redis.repository;

/**
 * Choose how {@link RedisBatch} keeps the global pending set ({@code pending_batches:{service}}) in step with a
 * tenant's batch lists, which live in another Cluster slot.
 *
 * @since 0.1
 */
public enum BatchTopology {

    /**
     * Standalone Redis or Sentinel: every step (enqueue, claim, ack, requeue) writes the list, its processing keys,
     * the tenant's active-lists set and the pending set in one Lua script, so all of it is atomic. On Redis Cluster
     * these scripts fail with {@code CROSSSLOT}; use {@link #CLUSTER} there.
     */
    SINGLE_NODE,

    /**
     * Redis Cluster: each script touches only the keys of one slot. The list and its processing keys (in-flight
     * hash, claims set) share the list's slot and are still changed atomically, so claim, ack and requeue never
     * lose or duplicate an item. The active-lists set and the pending set are updated in follow-up steps, ordered
     * so that no interleaving strands work: a producer writes the list, then marks the active set, then the
     * pending set; a consumer that drained a list unmarks, re-checks the level above and marks again if it is
     * busy (remove, re-check, repair). A process that dies between two of these steps can leave work unmarked: a
     * producer between the list write and the marks (its enqueue then emits an error, never a false success), a
     * consumer between removing a mark and the re-check that would have repaired it. Such work waits in its list
     * until the next enqueue of that tenant and service marks it again, or until a consumer claims from that list
     * directly; it is never lost, since the list and its claims always change together in one script.
     * {@code docs/cluster-keys.md} lists every step and its slot.
     */
    CLUSTER
}
