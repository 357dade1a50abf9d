package io.symphony.redis.ops;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sorted-set commands. Every method runs one Redis command on the connection of the pool alias these operations
 * are bound to (see {@link RedisOps#onPool(String)}). Null arguments throw {@link NullPointerException} and empty
 * collections {@link IllegalArgumentException}, both at call time; Redis failures (for example {@code WRONGTYPE})
 * arrive as {@code onError} with {@link io.symphony.redis.RedisCommandException}.
 * Scores may be {@link Double#NEGATIVE_INFINITY} / {@link Double#POSITIVE_INFINITY} ({@code -inf}/{@code +inf}).
 *
 * @since 0.1
 */
public interface SortedSetOperations {

    /**
     * Add one member or update its score with {@code ZADD}.
     *
     * @return emits {@code 1} when the member is new, {@code 0} when only its score changed
     */
    Mono<Long> zadd(String key, double score, String member);

    /**
     * Add or update several members (member to score) with one {@code ZADD}; the map is copied at call time.
     *
     * @return emits how many members were new
     * @throws IllegalArgumentException if {@code scoredMembers} is empty
     */
    Mono<Long> zadd(String key, Map<String, Double> scoredMembers);

    /**
     * Read the members whose score is within {@code min..max} (inclusive) with {@code ZRANGEBYSCORE}.
     *
     * @return the members by ascending score; empty when none match or the key does not exist
     */
    Flux<String> zrangebyscore(String key, double min, double max);

    /**
     * Read one page of the members within {@code min..max} (inclusive) with
     * {@code ZRANGEBYSCORE ... LIMIT offset count}; a negative count means "all from offset".
     *
     * @return at most {@code count} members by ascending score, skipping the first {@code offset}
     */
    Flux<String> zrangebyscore(String key, double min, double max, long offset, long count);

    /**
     * Remove members with one {@code ZREM}.
     *
     * @return emits how many members were removed, {@code 0} when the key does not exist
     * @throws IllegalArgumentException if {@code members} is empty
     */
    Mono<Long> zrem(String key, Collection<String> members);

    /** Run {@link #zrem(String, Collection)} with the elements given as arguments. */
    default Mono<Long> zrem(String key, String... members) {
        return zrem(key, Arrays.asList(members));
    }

    /**
     * Read a member's score with {@code ZSCORE}.
     *
     * @return emits the score; completes empty when the member or the key does not exist
     */
    Mono<Double> zscore(String key, String member);
}
