package io.symphony.redis.ops;

import java.util.Arrays;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Set commands. Every method runs one Redis command on the connection of the given alias, or of
 * {@value RedisOps#DEFAULT_ALIAS} when the alias is omitted. Null arguments throw {@link NullPointerException},
 * empty collections and an unknown alias {@link IllegalArgumentException}, both at call time; Redis failures
 * (for example {@code WRONGTYPE}) arrive as {@code onError} with {@link io.symphony.redis.RedisCommandException}.
 *
 * @since 0.1
 */
public interface SetOperations {

    /**
     * Add members with one {@code SADD}, creating the set if needed.
     *
     * @return emits how many members were new
     * @throws IllegalArgumentException if {@code members} is empty
     */
    Mono<Long> sadd(String key, Collection<String> members, String alias);

    /** Run {@link #sadd(String, Collection, String)} on the default alias. */
    default Mono<Long> sadd(String key, Collection<String> members) {
        return sadd(key, members, RedisOps.DEFAULT_ALIAS);
    }

    /** Run {@link #sadd(String, Collection, String)} on the default alias. */
    default Mono<Long> sadd(String key, String... members) {
        return sadd(key, Arrays.asList(members), RedisOps.DEFAULT_ALIAS);
    }

    /**
     * Read every member with {@code SMEMBERS}.
     *
     * @return the members, in no particular order; empty when the key does not exist
     */
    Flux<String> smembers(String key, String alias);

    /** Run {@link #smembers(String, String)} on the default alias. */
    default Flux<String> smembers(String key) {
        return smembers(key, RedisOps.DEFAULT_ALIAS);
    }

    /**
     * Remove members with one {@code SREM}; Redis deletes the key with its last member.
     *
     * @return emits how many members were removed, {@code 0} when the key does not exist
     * @throws IllegalArgumentException if {@code members} is empty
     */
    Mono<Long> srem(String key, Collection<String> members, String alias);

    /** Run {@link #srem(String, Collection, String)} on the default alias. */
    default Mono<Long> srem(String key, Collection<String> members) {
        return srem(key, members, RedisOps.DEFAULT_ALIAS);
    }

    /** Run {@link #srem(String, Collection, String)} on the default alias. */
    default Mono<Long> srem(String key, String... members) {
        return srem(key, Arrays.asList(members), RedisOps.DEFAULT_ALIAS);
    }

    /**
     * Test membership with {@code SISMEMBER}.
     *
     * @return emits {@code true} when {@code member} is in the set, {@code false} otherwise or when it is missing
     */
    Mono<Boolean> sismember(String key, String member, String alias);

    /** Run {@link #sismember(String, String, String)} on the default alias. */
    default Mono<Boolean> sismember(String key, String member) {
        return sismember(key, member, RedisOps.DEFAULT_ALIAS);
    }
}
