package io.symphony.redis.ops;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keyspace commands. Every method runs on the connection of the pool alias these operations are bound to (see
 * {@link RedisOps#onPool(String)}). Null arguments throw {@link NullPointerException} and empty key collections
 * {@link IllegalArgumentException}, both at call time; Redis failures arrive as {@code onError} with
 * {@link io.symphony.redis.RedisCommandException}.
 *
 * @since 0.1
 */
public interface KeyOperations {

    /**
     * Count how many of {@code keys} exist with {@code EXISTS} (a key given twice counts twice). On Redis Cluster
     * the keys may lie in different slots: Lettuce sends one {@code EXISTS} per slot and sums the replies, so the
     * count is correct but not one atomic snapshot, and one failing slot fails the whole call.
     *
     * @return emits the count, {@code 0} when none exists
     * @throws IllegalArgumentException if {@code keys} is empty
     */
    Mono<Long> exists(Collection<String> keys);

    /** Run {@link #exists(Collection)} with the elements given as arguments. */
    default Mono<Long> exists(String... keys) {
        return exists(Arrays.asList(keys));
    }

    /**
     * Delete {@code keys} with {@code DEL}. On Redis Cluster the keys may lie in different slots: Lettuce sends
     * one {@code DEL} per slot and sums the counts, so the deletion is not atomic across slots, and when one slot's
     * {@code DEL} fails the call fails although other slots' keys may already be gone.
     *
     * @return emits how many keys were deleted, {@code 0} when none existed
     * @throws IllegalArgumentException if {@code keys} is empty
     */
    Mono<Long> delete(Collection<String> keys);

    /** Run {@link #delete(Collection)} with the elements given as arguments. */
    default Mono<Long> delete(String... keys) {
        return delete(Arrays.asList(keys));
    }

    /**
     * Set the time to live of {@code key} with {@code PEXPIRE} (millisecond precision).
     *
     * @return emits {@code true} when the TTL was set, {@code false} when the key does not exist
     * @throws IllegalArgumentException if {@code ttl} is shorter than one millisecond (the message names it)
     */
    Mono<Boolean> expire(String key, Duration ttl);

    /**
     * Read the remaining time to live of {@code key} in seconds with {@code TTL}.
     *
     * @return emits the seconds left, {@code -1} when the key has no TTL and {@code -2} when it does not exist
     *         (Redis's own codes, kept as they are)
     */
    Mono<Long> getTtl(String key);

    /**
     * Stream every key matching {@code pattern} with repeated {@code SCAN cursor MATCH pattern}; on Redis Cluster
     * the walk visits every primary node in turn (the node list is taken when the walk starts), so keys of every
     * slot are found.
     *
     * <p>The pattern is used verbatim as a glob: escape user input first (the key factory does). The walk honours
     * backpressure: it reads at most one page ahead of the page downstream is consuming, and cancelling stops it.
     * Each page borrows a connection of its own (pooled strategy) and gives it back on reply, so running commands
     * for each key on the same pool while the walk goes on is safe. On Cluster a failover or resharding during the
     * walk may fail it or make it miss keys that moved; walk again in that case. SCAN guarantees that keys present
     * for the whole walk are emitted, but a key may be emitted more than once and keys written during the walk may
     * be missed. A failing page arrives as {@link io.symphony.redis.RedisCommandException} whose key is the
     * pattern.
     *
     * @return the matching keys, in no particular order; empty when none match
     */
    Flux<String> scanKeys(String pattern);

    /**
     * Stream every key matching {@code pattern} like {@link #scanKeys(String)}, with {@code COUNT count}
     * as the per-page hint.
     *
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    Flux<String> scanKeys(String pattern, long count);
}
