package io.symphony.redis.ops;

import java.util.Arrays;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Set commands. Every method runs one Redis command on the connection of the pool alias these operations are
 * bound to (see {@link RedisOps#onPool(String)}). Null arguments throw {@link NullPointerException} and empty
 * collections {@link IllegalArgumentException}, both at call time; Redis failures (for example {@code WRONGTYPE})
 * arrive as {@code onError} with {@link io.symphony.redis.RedisCommandException}.
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
    Mono<Long> sadd(String key, Collection<String> members);

    /** Run {@link #sadd(String, Collection)} with the elements given as arguments. */
    default Mono<Long> sadd(String key, String... members) {
        return sadd(key, Arrays.asList(members));
    }

    /**
     * Read every member with {@code SMEMBERS}.
     *
     * @return the members, in no particular order; empty when the key does not exist
     */
    Flux<String> smembers(String key);

    /**
     * Remove members with one {@code SREM}; Redis deletes the key with its last member.
     *
     * @return emits how many members were removed, {@code 0} when the key does not exist
     * @throws IllegalArgumentException if {@code members} is empty
     */
    Mono<Long> srem(String key, Collection<String> members);

    /** Run {@link #srem(String, Collection)} with the elements given as arguments. */
    default Mono<Long> srem(String key, String... members) {
        return srem(key, Arrays.asList(members));
    }

    /**
     * Test membership with {@code SISMEMBER}.
     *
     * @return emits {@code true} when {@code member} is in the set, {@code false} otherwise or when it is missing
     */
    Mono<Boolean> sismember(String key, String member);
}
