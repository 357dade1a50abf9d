package io.symphony.redis.ops;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * String-value commands. Every method runs exactly one Redis command (atomic by nature) on the connection of the
 * pool alias these operations are bound to (see {@link RedisOps#onPool(String)}). Null arguments throw
 * {@link NullPointerException} at call time; Redis failures arrive as {@code onError} with
 * {@link io.symphony.redis.RedisCommandException}.
 *
 * @since 0.1
 */
public interface StringOperations {

    /**
     * Store {@code value} under {@code key} with {@code SET}, replacing any value and clearing any TTL.
     *
     * @return emits {@code true} once stored; {@code WRONGTYPE} cannot happen, {@code SET} overwrites any type
     */
    Mono<Boolean> set(String key, String value);

    /**
     * Store {@code value} with a time to live using {@code SET key value PX millis}.
     *
     * @return emits {@code true} once stored
     * @throws IllegalArgumentException if {@code ttl} is shorter than one millisecond (the message names it)
     */
    Mono<Boolean> set(String key, String value, Duration ttl);

    /**
     * Store {@code value} with {@code SET} and Lettuce options ({@code EX}/{@code PX}/{@code EXAT}/{@code NX}/
     * {@code XX}/{@code KEEPTTL}); the options object is read at subscription time.
     *
     * @return emits {@code true} when the value was stored, {@code false} when an {@code NX}/{@code XX}
     *         condition prevented it; an invalid option combination arrives as
     *         {@link io.symphony.redis.RedisCommandException}
     */
    Mono<Boolean> set(String key, String value, SetArgs options);

    /**
     * Store {@code value} with a TTL; the original's {@code setex}. It sends {@code SET key value PX millis},
     * which has the effect of {@code SETEX}/{@code PSETEX} (both deprecated in Lettuce 7) with millisecond precision.
     *
     * @return emits {@code true} once stored
     * @throws IllegalArgumentException if {@code ttl} is shorter than one millisecond (the message names it)
     */
    Mono<Boolean> setex(String key, Duration ttl, String value);

    /**
     * Read the value of {@code key} with {@code GET}.
     *
     * @return emits the value; completes empty when the key does not exist; {@code WRONGTYPE} (a non-string key)
     *         arrives as {@link io.symphony.redis.RedisCommandException}
     */
    Mono<String> get(String key);

    /**
     * Read and delete the value of {@code key} in one step with {@code GETDEL} (Redis 6.2+).
     *
     * @return emits the value it deleted; completes empty when the key did not exist
     */
    Mono<String> getdel(String key);
}
