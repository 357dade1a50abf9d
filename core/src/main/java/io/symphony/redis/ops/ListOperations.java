package io.symphony.redis.ops;

import io.lettuce.core.LMoveArgs;
import java.util.Arrays;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * List commands, plus the atomic {@code RPUSH}+{@code SADD} combination. Every method runs on the connection of
 * the pool alias these operations are bound to (see {@link RedisOps#onPool(String)}). Null arguments throw
 * {@link NullPointerException}, empty collections and non-positive counts {@link IllegalArgumentException}, both at
 * call time; Redis failures (for example {@code WRONGTYPE}) arrive as {@code onError} with
 * {@link io.symphony.redis.RedisCommandException}.
 *
 * @since 0.1
 */
public interface ListOperations {

    /**
     * Append values to the tail of a list with one {@code RPUSH}, creating it if needed.
     *
     * @return emits the list's length after the push
     * @throws IllegalArgumentException if {@code values} is empty
     */
    Mono<Long> rpush(String key, Collection<String> values);

    /** Run {@link #rpush(String, Collection)} with the elements given as arguments. */
    default Mono<Long> rpush(String key, String... values) {
        return rpush(key, Arrays.asList(values));
    }

    /**
     * Remove and emit the head of a list with {@code LPOP}.
     *
     * @return emits the removed element; completes empty when the list does not exist
     */
    Mono<String> lpop(String key);

    /**
     * Remove up to {@code count} elements from the head with {@code LPOP key count} (one atomic command).
     *
     * @return the removed elements, head first; empty when the list does not exist
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    Flux<String> lpop(String key, long count);

    /**
     * Read a range with {@code LRANGE} (inclusive, negative indexes count from the tail).
     *
     * @return the elements in list order; empty when the key does not exist or the range is empty
     */
    Flux<String> lrange(String key, long start, long stop);

    /**
     * Keep only the range {@code start..stop} with {@code LTRIM}; a missing key stays missing.
     *
     * @return completes empty once trimmed
     */
    Mono<Void> ltrim(String key, long start, long stop);

    /**
     * Read a list's length with {@code LLEN}.
     *
     * @return emits the length, {@code 0} when the key does not exist
     */
    Mono<Long> llen(String key);

    /**
     * Move one element between lists atomically with {@code LMOVE} (Redis 6.2+); {@code direction} says which
     * ends, for example {@code LMoveArgs.Builder.leftRight()}. On Redis Cluster both keys must share a hash slot
     * (use a hash tag); otherwise nothing is sent and the call fails with
     * {@link io.symphony.redis.RedisCommandException} (command {@code LMOVE}, key {@code source}) whose message
     * starts with {@code CROSSSLOT} and lists both keys with their slots, and whose cause is an
     * {@link IllegalArgumentException}.
     *
     * @return emits the moved element; completes empty when {@code source} does not exist
     */
    Mono<String> lmove(String source, String destination, LMoveArgs direction);

    /**
     * Append values to a list and add members to a set atomically: one Lua script running {@code RPUSH} then
     * {@code SADD}, called by SHA ({@code EVALSHA}, falling back to {@code EVAL} once on {@code NOSCRIPT}). If
     * {@code RPUSH} fails the set is not touched.
     *
     * <p><b>Redis Cluster:</b> the script touches two keys, so both must hash to the same slot (give them a
     * common hash tag such as {@code {tenant}}); otherwise nothing is sent and the call fails with
     * {@link io.symphony.redis.RedisCommandException} naming both keys, their slots and the pool.
     *
     * @return emits the list's new length and how many members were new; failures arrive as
     *         {@link io.symphony.redis.RedisCommandException} with command {@code RPUSH+SADD} and the list key
     * @throws IllegalArgumentException if {@code values} or {@code members} is empty
     */
    Mono<PushAndAddResult> rpushAndSadd(String listKey, Collection<String> values, String setKey,
            Collection<String> members);
}
