package io.symphony.redis.keys;

/**
 * Choose whether keys carry a Redis Cluster hash tag.
 *
 * @see KeyFactory.Builder#hashTagMode(HashTagMode)
 * @since 0.1
 */
public enum HashTagMode {

    /**
     * Write no hash tag: keys are byte-identical to the original Python toolkit's keys (for components without
     * special characters), and each key hashes to its own Cluster slot.
     */
    NONE,

    /**
     * Wrap the escaped tenant in braces, as in {@code {acme}:user:u1}, so that all keys of one tenant hash to the
     * same Cluster slot and can be used together in one {@code MULTI} or Lua script. The global pending-batches
     * set ({@link KeyFactory#pendingBatchesKey(String)}) carries no tenant and keeps its own slot. Keys in this
     * mode differ from the original's, so a Python service sharing the Redis does not find them.
     */
    TENANT
}
