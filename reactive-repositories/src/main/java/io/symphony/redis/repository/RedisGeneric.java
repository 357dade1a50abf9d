package io.symphony.redis.repository;

import io.symphony.redis.CodecException;
import io.symphony.redis.config.PoolAliases;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Plain string values of one tenant under {@code {tenant}:{keyBase}} (the original's {@code RedisGeneric}), on pool
 * {@value PoolAliases#DEFAULT} by default.
 *
 * <p>Values are stored in the original's wire format ({@link io.symphony.redis.codec.RedisValueCodec}), so a Python
 * service reads them back. The key base is one escaped key component: a {@code :} in it becomes {@code %3A}, so a
 * key base can never reach another tenant's key or a key of another kind.
 *
 * <p><b>TTL.</b> The original writes no TTL unless it is given {@code ex}. Here the choice is explicit:
 * {@link #set(String, Object)} applies the repository's default TTL (86,400 s unless the repository was created
 * with another), {@link #set(String, Object, Duration)} applies the given TTL, and
 * {@link #setWithoutTtl(String, Object)} stores a value that never expires (the original's {@code set} without
 * {@code ex}). Every write replaces the value and its TTL.
 *
 * <p>Instances are immutable and cheap (no I/O on construction).
 *
 * @since 0.1
 */
public final class RedisGeneric extends TenantRepository<RedisGeneric> {

    /**
     * Create the repository of {@code tenant} on pool {@value PoolAliases#DEFAULT} with the support's default TTL.
     *
     * @throws IllegalArgumentException if the tenant is empty or holds characters no key may contain
     * @throws NullPointerException if an argument is {@code null}
     */
    public RedisGeneric(RepositorySupport support, String tenant) {
        this(support, tenant, PoolAliases.DEFAULT, support.defaultTtl());
    }

    private RedisGeneric(RepositorySupport support, String tenant, String pool, Duration defaultTtl) {
        super(support, tenant, pool, defaultTtl);
    }

    /** Return a copy of this repository whose commands run on pool {@code alias}. */
    @Override
    public RedisGeneric onPool(String alias) {
        return new RedisGeneric(support(), tenant(), Objects.requireNonNull(alias, "alias"), defaultTtl());
    }

    /** Return a copy of this repository whose {@link #set(String, Object)} applies {@code ttl} (at least 1 s). */
    @Override
    public RedisGeneric withDefaultTtl(Duration ttl) {
        return new RedisGeneric(support(), tenant(), pool(), Ttls.requirePositive(ttl, "ttl"));
    }

    /**
     * Return the full key of {@code keyBase}: {@code {tenant}:{keyBase}}, the key base escaped.
     *
     * @throws IllegalArgumentException if the key base is empty, holds a control character or is too long
     */
    public String key(String keyBase) {
        return keys().genericKey(tenant(), Objects.requireNonNull(keyBase, "keyBase"));
    }

    /**
     * Read the value with {@code GET} and decode it untyped, with the original's rules ({@code 1}/{@code 0} read as
     * booleans, JSON-looking text as maps, lists and numbers, anything else as the text).
     *
     * @return emits the decoded value; completes empty when the key does not exist or holds {@code null} (Python's
     *     {@code None}); a key of another type arrives as {@link io.symphony.redis.RedisCommandException}
     *     ({@code WRONGTYPE}) naming the key
     */
    public Mono<Object> get(String keyBase) {
        String key = key(keyBase);
        return observed("get",
                support().ops().onPool(pool()).get(key).mapNotNull(raw -> support().codec().decode(raw)));
    }

    /**
     * Read the value with {@code GET} and decode it as {@code type} without guessing (a {@code String} target gets
     * the stored text unchanged).
     *
     * @return emits the value; completes empty when the key does not exist or holds {@code null}; text that does
     *     not decode as {@code type} arrives as {@link CodecException} naming the key; {@code WRONGTYPE} as
     *     {@link io.symphony.redis.RedisCommandException}
     */
    public <T> Mono<T> get(String keyBase, Class<T> type) {
        Objects.requireNonNull(type, "type");
        String key = key(keyBase);
        return observed("get", read(key, raw -> support().codec().decode(raw, type)));
    }

    /**
     * Read the value with {@code GET} and decode it as the generic {@code type}, for example
     * {@code new TypeReference<List<Order>>() {}}.
     *
     * @return emits the value; completes empty when the key does not exist or holds {@code null}; text that does
     *     not decode arrives as {@link CodecException} naming the key; {@code WRONGTYPE} as
     *     {@link io.symphony.redis.RedisCommandException}
     */
    public <T> Mono<T> get(String keyBase, TypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        String key = key(keyBase);
        return observed("get", read(key, raw -> support().codec().decode(raw, type)));
    }

    /**
     * Store {@code value} with the repository's default TTL: {@code SET key value PX ttl} (one command, so value
     * and TTL are written atomically). Unlike the original, which stores no TTL unless given {@code ex}, a plain
     * {@code set} never creates a key that lives forever; use {@link #setWithoutTtl(String, Object)} for that.
     *
     * @return emits {@code true} once stored; Redis failures arrive as {@link io.symphony.redis.RedisCommandException}
     * @throws CodecException at call time if the value cannot be encoded (the message names the key)
     */
    public Mono<Boolean> set(String keyBase, @Nullable Object value) {
        return set(keyBase, value, defaultTtl());
    }

    /**
     * Store {@code value} with {@code ttl}: {@code SET key value PX ttl}, atomic. The original's
     * {@code set(key_base, value, ex=seconds)}; its {@code ex=0} (a Redis error reported as {@code False}) is
     * rejected at call time.
     *
     * @return emits {@code true} once stored; Redis failures arrive as {@link io.symphony.redis.RedisCommandException}
     * @throws IllegalArgumentException if {@code ttl} is shorter than one second
     * @throws CodecException at call time if the value cannot be encoded (the message names the key)
     */
    public Mono<Boolean> set(String keyBase, @Nullable Object value, Duration ttl) {
        Ttls.requirePositive(ttl, "ttl");
        String key = key(keyBase);
        String encoded = encode(key, value);
        return observed("set", support().ops().onPool(pool()).set(key, encoded, ttl));
    }

    /**
     * Store {@code value} without a TTL: plain {@code SET}, which also clears any TTL the key had. This is the
     * original's {@code set} without {@code ex}; the key lives until it is deleted.
     *
     * @return emits {@code true} once stored; Redis failures arrive as {@link io.symphony.redis.RedisCommandException}
     * @throws CodecException at call time if the value cannot be encoded (the message names the key)
     */
    public Mono<Boolean> setWithoutTtl(String keyBase, @Nullable Object value) {
        String key = key(keyBase);
        String encoded = encode(key, value);
        return observed("setWithoutTtl", support().ops().onPool(pool()).set(key, encoded));
    }

    /**
     * Delete the value with {@code DEL}.
     *
     * @return emits 1 when the key existed, 0 when it did not
     */
    public Mono<Long> delete(String keyBase) {
        String key = key(keyBase);
        return observed("delete", support().ops().onPool(pool()).delete(List.of(key)));
    }

    private <T> Mono<T> read(String key, Function<String, @Nullable T> decoder) {
        return support().ops().onPool(pool()).get(key)
                .handle((raw, sink) -> {
                    try {
                        T value = decoder.apply(raw);
                        if (value != null) {
                            sink.next(value);
                        }
                    } catch (CodecException e) {
                        sink.error(e.at(key, null));
                    }
                });
    }

    private String encode(String key, @Nullable Object value) {
        try {
            return support().codec().encode(value);
        } catch (CodecException e) {
            throw e.at(key, null);
        }
    }
}
