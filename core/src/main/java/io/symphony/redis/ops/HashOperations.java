package io.symphony.redis.ops;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Hash commands, plus two atomic Lua combinations that also renew the key's TTL. Every method runs on the
 * connection of the pool alias these operations are bound to (see {@link RedisOps#onPool(String)}). Null
 * arguments throw {@link NullPointerException} and empty collections {@link IllegalArgumentException}, both at call
 * time; Redis failures (for example {@code WRONGTYPE} when the key holds no hash) arrive as {@code onError} with
 * {@link io.symphony.redis.RedisCommandException}.
 *
 * @since 0.1
 */
public interface HashOperations {

    /**
     * Set one field with {@code HSET}, creating the hash if needed.
     *
     * @return emits {@code true} when the field is new, {@code false} when an existing value was replaced
     */
    Mono<Boolean> hset(String key, String field, String value);

    /**
     * Set several fields with one {@code HSET} (atomic), creating the hash if needed. The map is copied at call
     * time.
     *
     * @return emits how many fields were new
     * @throws IllegalArgumentException if {@code fields} is empty
     */
    Mono<Long> hset(String key, Map<String, String> fields);

    /**
     * Set one field only if it does not exist yet, with {@code HSETNX}.
     *
     * @return emits {@code true} when the field was set, {@code false} when it already existed
     */
    Mono<Boolean> hsetnx(String key, String field, String value);

    /**
     * Read one field with {@code HGET}.
     *
     * @return emits the value; completes empty when the key or the field does not exist
     */
    Mono<String> hget(String key, String field);

    /**
     * Read every field with {@code HGETALL}, in the order Redis returns them.
     *
     * @return emits the fields as a map; completes <b>empty</b> (no {@code {}}) when the key does not exist,
     *         because Redis never stores an empty hash
     */
    Mono<Map<String, String>> hgetall(String key);

    /**
     * Test one field with {@code HEXISTS}.
     *
     * @return emits {@code true} when the field exists, {@code false} when it or the key does not
     */
    Mono<Boolean> hexists(String key, String field);

    /**
     * Delete fields with {@code HDEL}; Redis deletes the key with its last field.
     *
     * @return emits how many fields were deleted, {@code 0} when the key does not exist
     * @throws IllegalArgumentException if {@code fields} is empty
     */
    Mono<Long> hdel(String key, Collection<String> fields);

    /** Run {@link #hdel(String, Collection)} with the elements given as arguments. */
    default Mono<Long> hdel(String key, String... fields) {
        return hdel(key, Arrays.asList(fields));
    }

    /**
     * Add {@code amount} to an integer field with {@code HINCRBY}, starting from 0 when it does not exist.
     *
     * @return emits the new value; a field that does not hold an integer arrives as
     *         {@link io.symphony.redis.RedisCommandException}
     */
    Mono<Long> hincrby(String key, String field, long amount);

    /**
     * Add {@code amount} to a numeric field with {@code HINCRBYFLOAT}, starting from 0 when it does not exist.
     *
     * @return emits the new value; a non-numeric field arrives as {@link io.symphony.redis.RedisCommandException}
     */
    Mono<Double> hincrbyfloat(String key, String field, double amount);

    /**
     * Set several fields and (re)set the key's TTL atomically: one Lua script running {@code HSET} then
     * {@code PEXPIRE}, called by SHA ({@code EVALSHA}, falling back to {@code EVAL} once on {@code NOSCRIPT}).
     * The map is copied at call time; its order is the order fields are written.
     *
     * @return emits how many fields were new; a failure (for example {@code WRONGTYPE}) arrives as
     *         {@link io.symphony.redis.RedisCommandException} with command {@code HSET+PEXPIRE}, and then the TTL
     *         is not touched
     * @throws IllegalArgumentException if {@code fields} is empty or {@code ttl} is shorter than one millisecond
     */
    Mono<Long> hsetWithExpire(String key, Map<String, String> fields, Duration ttl);

    /**
     * Increment an integer field and (re)set the key's TTL atomically: one Lua script running {@code HINCRBY}
     * then {@code PEXPIRE}, called by SHA like {@link #hsetWithExpire(String, Map, Duration)}.
     *
     * <p>If {@code HINCRBY} fails (the field holds no integer) the script stops: the TTL is <b>not</b> renewed
     * and the failure arrives as {@link io.symphony.redis.RedisCommandException} with command
     * {@code HINCRBY+PEXPIRE}.
     *
     * @return emits the field's new value
     * @throws IllegalArgumentException if {@code ttl} is shorter than one millisecond
     */
    Mono<Long> hincrbyWithExpire(String key, String field, long amount, Duration ttl);
}
