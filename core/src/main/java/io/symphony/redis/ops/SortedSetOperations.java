package io.symphony.redis.ops;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sorted-set commands. Every method runs one Redis command on the connection of the given alias, or of
 * {@value RedisOps#DEFAULT_ALIAS} when the alias is omitted. Null arguments throw {@link NullPointerException},
 * empty collections and an unknown alias {@link IllegalArgumentException}, both at call time; Redis failures
 * (for example {@code WRONGTYPE}) arrive as {@code onError} with {@link io.symphony.redis.RedisCommandException}.
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
    Mono<Long> zadd(String key, double score, String member, String alias);

    /** Run {@link #zadd(String, double, String, String)} on the default alias. */
    default Mono<Long> zadd(String key, double score, String member) {
        return zadd(key, score, member, RedisOps.DEFAULT_ALIAS);
    }

    /**
     * Add or update several members (member to score) with one {@code ZADD}; the map is copied at call time.
     *
     * @return emits how many members were new
     * @throws IllegalArgumentException if {@code scoredMembers} is empty
     */
    Mono<Long> zadd(String key, Map<String, Double> scoredMembers, String alias);

    /** Run {@link #zadd(String, Map, String)} on the default alias. */
    default Mono<Long> zadd(String key, Map<String, Double> scoredMembers) {
        return zadd(key, scoredMembers, RedisOps.DEFAULT_ALIAS);
    }

    /**
     * Read the members whose score is within {@code min..max} (inclusive) with {@code ZRANGEBYSCORE}.
     *
     * @return the members by ascending score; empty when none match or the key does not exist
     */
    Flux<String> zrangebyscore(String key, double min, double max, String alias);

    /** Run {@link #zrangebyscore(String, double, double, String)} on the default alias. */
    default Flux<String> zrangebyscore(String key, double min, double max) {
        return zrangebyscore(key, min, max, RedisOps.DEFAULT_ALIAS);
    }

    /**
     * Read one page of the members within {@code min..max} (inclusive) with
     * {@code ZRANGEBYSCORE ... LIMIT offset count}; a negative count means "all from offset".
     *
     * @return at most {@code count} members by ascending score, skipping the first {@code offset}
     */
    Flux<String> zrangebyscore(String key, double min, double max, long offset, long count, String alias);

    /** Run {@link #zrangebyscore(String, double, double, long, long, String)} on the default alias. */
    default Flux<String> zrangebyscore(String key, double min, double max, long offset, long count) {
        return zrangebyscore(key, min, max, offset, count, RedisOps.DEFAULT_ALIAS);
    }

    /**
     * Remove members with one {@code ZREM}.
     *
     * @return emits how many members were removed, {@code 0} when the key does not exist
     * @throws IllegalArgumentException if {@code members} is empty
     */
    Mono<Long> zrem(String key, Collection<String> members, String alias);

    /** Run {@link #zrem(String, Collection, String)} on the default alias. */
    default Mono<Long> zrem(String key, Collection<String> members) {
        return zrem(key, members, RedisOps.DEFAULT_ALIAS);
    }

    /** Run {@link #zrem(String, Collection, String)} on the default alias. */
    default Mono<Long> zrem(String key, String... members) {
        return zrem(key, Arrays.asList(members), RedisOps.DEFAULT_ALIAS);
    }

    /**
     * Read a member's score with {@code ZSCORE}.
     *
     * @return emits the score; completes empty when the member or the key does not exist
     */
    Mono<Double> zscore(String key, String member, String alias);

    /** Run {@link #zscore(String, String, String)} on the default alias. */
    default Mono<Double> zscore(String key, String member) {
        return zscore(key, member, RedisOps.DEFAULT_ALIAS);
    }
}
