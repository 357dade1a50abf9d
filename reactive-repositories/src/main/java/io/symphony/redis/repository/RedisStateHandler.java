package io.symphony.redis.repository;

import io.symphony.redis.CodecException;
import io.symphony.redis.codec.FieldTypes;
import io.symphony.redis.config.PoolAliases;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Store the per-handler state of one user of one tenant, each a hash at
 * {@code {tenant}:state:{handlerName}:{userId}} in the {@value PoolAliases#HANDLERS} pool (the original's
 * {@code RedisStateHandler}).
 *
 * <p>Writes set the fields they are given (a field-level merge) and renew the whole key's TTL in the same atomic
 * step, except {@link #updateField(String, String, Object)}, which keeps an existing TTL as the original does but
 * never leaves a key without one. {@link #merge(String, Map)} runs on the server in one round trip, so concurrent
 * merges never lose each other's fields and never resurrect a field deleted in between. Reads never touch the TTL.
 * Handler names and the user id are escaped by the {@link io.symphony.redis.keys.KeyFactory}.
 *
 * <p>Instances are immutable and do no I/O on construction. Every method returns a cold publisher that runs its
 * commands on subscription and again on every re-subscription; argument errors are thrown at call time. Redis
 * failures (including {@code WRONGTYPE} when the key holds another type) arrive as
 * {@link io.symphony.redis.RedisCommandException} naming the key, and values a typed read cannot decode as
 * {@link io.symphony.redis.CodecException} naming key and field. Signals arrive on the Redis client's I/O
 * threads; cancelling stops waiting for the reply but cannot undo a command already sent.
 *
 * @since 0.1
 */
public final class RedisStateHandler extends TenantRepository<RedisStateHandler> {

    /** The field {@link #merge(String, Map)} sets to the handler name, as the original does. */
    public static final String HANDLER_TYPE_FIELD = "handler_type";
    /** The field {@link #merge(String, Map)} sets to the naive UTC time of the merge, as the original does. */
    public static final String TIMESTAMP_FIELD = "timestamp";

    private final String userId;

    /**
     * Create the repository of one user's handler states on the {@value PoolAliases#HANDLERS} pool, with the
     * support's default TTL.
     *
     * @throws IllegalArgumentException if the tenant or user id is empty, holds a control character or is too long
     */
    public RedisStateHandler(RepositorySupport support, String tenant, String userId) {
        this(support, tenant, userId, PoolAliases.HANDLERS, support.defaultTtl());
    }

    private RedisStateHandler(RepositorySupport support, String tenant, String userId, String pool,
            Duration defaultTtl) {
        super(support, tenant, pool, defaultTtl);
        this.userId = Objects.requireNonNull(userId, "userId");
        support.keys().handlerStatesPattern(tenant, userId);
    }

    /** {@inheritDoc} */
    @Override
    public RedisStateHandler onPool(String alias) {
        Objects.requireNonNull(alias, "alias");
        if (alias.isBlank()) {
            throw new IllegalArgumentException("pool alias must not be blank");
        }
        return new RedisStateHandler(support(), tenant(), userId, alias, defaultTtl());
    }

    /** {@inheritDoc} */
    @Override
    public RedisStateHandler withDefaultTtl(Duration ttl) {
        return new RedisStateHandler(support(), tenant(), userId, pool(), Ttls.requirePositive(ttl, "ttl"));
    }

    /** The user whose handler states this repository holds. */
    public String userId() {
        return userId;
    }

    /**
     * Read the whole handler state with {@code HGETALL}, every field decoded with the original's untyped rules.
     *
     * @return the fields; empty when the state does not exist
     */
    public Mono<Map<String, @Nullable Object>> get(String handlerName) {
        return get(handlerName, FieldTypes.none());
    }

    /**
     * Read the whole handler state with {@code HGETALL}, decoding the fields named in {@code types} as their type
     * (the original's {@code models=}) and the others untyped.
     *
     * @return the fields; empty when the state does not exist; a {@code CodecException} naming key and field when
     *     a typed field cannot be decoded
     */
    public Mono<Map<String, @Nullable Object>> get(String handlerName, FieldTypes types) {
        return observed("get", hashes().get(key(handlerName), types, pool()));
    }

    /**
     * Set the fields of {@code data} and renew the TTL to the default, atomically ({@code HSET} + {@code PEXPIRE}
     * in one Lua script). Fields not in {@code data} are kept. Emits {@code true}.
     *
     * <p>A value that cannot be encoded arrives as an {@code onError} {@link io.symphony.redis.CodecException}
     * naming key and field; nothing is written.
     *
     * @throws IllegalArgumentException if {@code data} is empty (the original deleted the state; call
     *     {@link #delete(String)} for that) or a field name is empty
     */
    public Mono<Boolean> upsert(String handlerName, Map<String, ?> data) {
        return upsert(handlerName, data, defaultTtl());
    }

    /**
     * Set the fields of {@code data} and renew the TTL to {@code ttl}, atomically ({@code HSET} +
     * {@code PEXPIRE} in one Lua script). Emits {@code true}.
     *
     * @throws IllegalArgumentException if {@code data} is empty, a field name is empty, or {@code ttl} is below
     *     one second
     */
    public Mono<Boolean> upsert(String handlerName, Map<String, ?> data, Duration ttl) {
        return observed("upsert", hashes().write(key(handlerName), data, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Read the whole handler state with {@code HGETALL} as an instance of {@code type}, a Java record or POJO, each
     * field decoded by the declared type of its property, never guessed (an {@code int} stored as {@code 1} is 1,
     * not {@code true}; a {@code String} holding {@code "1"} stays {@code "1"}). Fields the type does not have, such
     * as the {@value #HANDLER_TYPE_FIELD} and {@value #TIMESTAMP_FIELD} that {@code merge} adds, are ignored unless
     * it declares them; a property without a field, or stored as {@code null}, is null.
     *
     * @return the instance; empty when the state does not exist; a {@code CodecException} naming key and field
     *     when a field cannot be decoded or a primitive property has no field
     * @throws IllegalArgumentException if {@code type} is not a record or POJO
     * @since 0.1
     */
    public <T> Mono<T> get(String handlerName, Class<T> type) {
        return observed("get", hashes().getRecord(key(handlerName), type, pool()));
    }

    /**
     * Write a whole record or POJO as the handler state, one hash field per property, and renew the TTL to the
     * default; see {@link #upsert(String, Object, Duration)}.
     *
     * @since 0.1
     */
    public Mono<Boolean> upsert(String handlerName, Object record) {
        return upsert(handlerName, record, defaultTtl());
    }

    /**
     * Write a whole record or POJO as the handler state, one hash field per property, and renew the TTL to
     * {@code ttl}, atomically ({@code HSET} + {@code PEXPIRE} in one Lua script). Emits {@code true}.
     *
     * <p>Each property is stored exactly as {@link #upsert(String, Map, Duration)} stores the same value under the
     * same name (Jackson's property names: {@code @JsonProperty} renames apply), so the Python original reads it.
     * A null property is stored as {@code null}, as the original stores {@code None}, unless
     * {@code @JsonInclude(NON_NULL)} leaves it out (then the stored field is kept). Other fields are kept: this
     * merges. A {@code Map} is accepted too and written as the {@code Map} overload writes it.
     *
     * @throws IllegalArgumentException if {@code record} is not a record, POJO or map, writes no field, or
     *     {@code ttl} is below one second
     * @throws io.symphony.redis.CodecException if a property cannot be encoded; it names key and field
     * @since 0.1
     */
    public Mono<Boolean> upsert(String handlerName, Object record, Duration ttl) {
        return observed("upsert",
                hashes().writeRecord(key(handlerName), record, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Read one field with {@code HGET}, decoded with the original's untyped rules like every other repository's
     * {@code getField} (the original returned this one raw: {@code "2"} instead of {@code 2}).
     *
     * @return the value; empty when the state or field is missing or the stored value is {@code null}
     */
    public Mono<Object> getField(String handlerName, String field) {
        return observed("getField", hashes().getField(key(handlerName), field, pool()));
    }

    /**
     * Read one field with {@code HGET}, decoded as {@code type}; {@code String.class} gives the raw text the
     * original returned.
     *
     * @return the value; empty when missing or {@code null}; a {@code CodecException} naming key and field when
     *     the stored text cannot be read as {@code type}
     */
    public <T> Mono<T> getField(String handlerName, String field, Class<T> type) {
        return observed("getField", hashes().getField(key(handlerName), field, type, pool()));
    }

    /**
     * Set one field without renewing the TTL, as the original does, but never leave the key without one: one Lua
     * script runs {@code HSET}, then {@code PTTL}, and {@code PEXPIRE} to the default TTL only when the key has
     * no TTL, that is when the write created it or it was written without one (by the original's plain
     * {@code HSET}, for example). Atomic. Emits {@code true}.
     *
     * <p>A value that cannot be encoded arrives as an {@code onError} {@link io.symphony.redis.CodecException}
     * naming key and field; nothing is written.
     *
     * @throws IllegalArgumentException if the field name is empty
     */
    public Mono<Boolean> updateField(String handlerName, String field, @Nullable Object value) {
        String key = key(handlerName);
        HashStore.requireField(field);
        return observed("updateField",
                Mono.defer(() -> support().ops().onPool(pool()).eval(HandlerStateScripts.SET_FIELD_KEEPING_TTL,
                        List.of(key), List.of(field, encode(key, field, value), String.valueOf(defaultTtl().toMillis()))))
                .thenReturn(Boolean.TRUE));
    }

    /**
     * Set one field and renew the TTL to {@code ttl}, atomically ({@code HSET} + {@code PEXPIRE} in one Lua
     * script). Emits {@code true}.
     *
     * @throws IllegalArgumentException if {@code ttl} is below one second or the field name is empty
     */
    public Mono<Boolean> updateField(String handlerName, String field, @Nullable Object value, Duration ttl) {
        return observed("updateField",
                hashes().writeField(key(handlerName), field, value, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Add 1 to an integer field; see {@link #incrementField(String, String, long, Duration)}.
     *
     * @return the new value
     */
    public Mono<Long> incrementField(String handlerName, String field) {
        return incrementField(handlerName, field, 1L, defaultTtl());
    }

    /**
     * Add {@code increment} to an integer field; see {@link #incrementField(String, String, long, Duration)}.
     *
     * @return the new value
     */
    public Mono<Long> incrementField(String handlerName, String field, long increment) {
        return incrementField(handlerName, field, increment, defaultTtl());
    }

    /**
     * Add {@code increment} to an integer field ({@code HINCRBY}; a missing field counts as 0) and renew the TTL
     * to {@code ttl}, atomically in one Lua script. When the field does not hold an integer the error arrives as
     * {@code onError} and the TTL is left untouched (the original's {@code MULTI} renewed it anyway).
     *
     * @return the new value
     */
    public Mono<Long> incrementField(String handlerName, String field, long increment, Duration ttl) {
        return observed("incrementField",
                hashes().increment(key(handlerName), field, increment, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Append {@code value} to the JSON array in {@code field}, renewing the TTL to the default; see
     * {@link #appendToList(String, String, Object, Duration)}.
     */
    public Mono<Boolean> appendToList(String handlerName, String field, @Nullable Object value) {
        return appendToList(handlerName, field, value, defaultTtl());
    }

    /**
     * Append {@code value} to the JSON array in {@code field} and renew the TTL to {@code ttl}, on the server in
     * one Lua script ({@code HGET}, splice, {@code HSET}, {@code PEXPIRE}), so concurrent appends never lose an
     * element (the original's client-side read-modify-write did). A missing field, or one that holds no array,
     * becomes a one-element array, as in the original. Emits {@code true}.
     */
    public Mono<Boolean> appendToList(String handlerName, String field, @Nullable Object value, Duration ttl) {
        return observed("appendToList",
                hashes().appendToList(key(handlerName), field, value, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /** Tell with {@code EXISTS} whether the handler state exists. */
    public Mono<Boolean> exists(String handlerName) {
        return observed("exists", hashes().exists(key(handlerName), pool()));
    }

    /**
     * Remove the whole handler state with {@code DEL}.
     *
     * @return 1 if it existed, else 0
     */
    public Mono<Long> delete(String handlerName) {
        return observed("delete", hashes().delete(key(handlerName), pool()));
    }

    /**
     * Merge {@code data} into the handler state with the default TTL and emit the merged record, decoded untyped;
     * see {@link #merge(String, Map, Duration, FieldTypes)}.
     */
    public Mono<Map<String, @Nullable Object>> merge(String handlerName, Map<String, ?> data) {
        return merge(handlerName, data, defaultTtl(), FieldTypes.none());
    }

    /**
     * Merge {@code data} into the handler state with TTL {@code ttl} and emit the merged record, decoded untyped;
     * see {@link #merge(String, Map, Duration, FieldTypes)}.
     */
    public Mono<Map<String, @Nullable Object>> merge(String handlerName, Map<String, ?> data, Duration ttl) {
        return merge(handlerName, data, ttl, FieldTypes.none());
    }

    /**
     * Merge {@code data} into the handler state with the default TTL and emit the merged record, decoded with
     * {@code types}; see {@link #merge(String, Map, Duration, FieldTypes)}.
     */
    public Mono<Map<String, @Nullable Object>> merge(String handlerName, Map<String, ?> data, FieldTypes types) {
        return merge(handlerName, data, defaultTtl(), types);
    }

    /**
     * Merge {@code data} into the handler state and emit the whole merged record.
     *
     * <p>One Lua script, one round trip, atomic: {@code HSET} of the fields of {@code data} plus
     * {@value #HANDLER_TYPE_FIELD} = the handler name and {@value #TIMESTAMP_FIELD} = the current naive UTC time
     * in Python's {@code isoformat()} (for example {@code 2026-11-25T21:54:46.730729}, read from the support's
     * clock), then {@code PEXPIRE} to {@code ttl}, then {@code HGETALL}. Fields of {@code data} named like the two
     * added fields are overridden, as in the original. {@code data} may be empty: the state then only gets the two
     * added fields and a renewed TTL.
     *
     * <p>Differences from the original, which read the record, merged it in memory and wrote every field back:
     * existing fields are not decoded and re-encoded, so their stored text stays byte for byte (the original
     * normalised {@code 1e5} to {@code 100000.0} and compact JSON to Python-spaced JSON); concurrent merges never
     * overwrite each other's fields with stale values; a field deleted between two merges stays deleted.
     *
     * <p>A value that cannot be encoded arrives as an {@code onError} {@link io.symphony.redis.CodecException}
     * naming key and field; nothing is written.
     *
     * @return the merged record as stored after the write, the fields named in {@code types} decoded as their
     *     type and the others untyped; a {@code CodecException} naming key and field when a typed field cannot be
     *     decoded (the write has happened by then)
     * @throws IllegalArgumentException if a field name is empty or {@code ttl} is below one second
     */
    public Mono<Map<String, @Nullable Object>> merge(String handlerName, Map<String, ?> data, Duration ttl,
            FieldTypes types) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(types, "types");
        Ttls.requirePositive(ttl, "ttl");
        String key = key(handlerName);
        data.keySet().forEach(HashStore::requireField);
        return observed("merge",
                hashes().mergeEncoded(key, () -> withMergeFields(handlerName, encodeAll(key, data)), ttl, types,
                pool()));
    }

    /**
     * Merge {@code data} into the handler state with the default TTL and emit the merged state as an instance of
     * {@code type}; see {@link #merge(String, Object, Duration, Class)}.
     *
     * @since 0.1
     */
    public <T> Mono<T> merge(String handlerName, Object data, Class<T> type) {
        return merge(handlerName, data, defaultTtl(), type);
    }

    /**
     * Merge {@code data}, a record, POJO or map, into the handler state and emit the whole merged state read as
     * an instance of {@code type}: the typed form of {@link #merge(String, Map, Duration, FieldTypes)}, with the
     * same single atomic script ({@code HSET} of the fields plus {@value #HANDLER_TYPE_FIELD} and
     * {@value #TIMESTAMP_FIELD}, {@code PEXPIRE}, {@code HGETALL}).
     *
     * <p>{@code data} is written as {@link #upsert(String, Object, Duration)} writes it: a record's null properties
     * are stored as {@code null}, so for a partial update pass a {@code Map} of the changed fields, or a record
     * whose class is annotated {@code @JsonInclude(NON_NULL)}, whose null properties leave the stored fields as they
     * are. The merged state is read as {@link #get(String, Class)} reads it, so {@code type} may be the full state
     * while {@code data} holds only some of its fields.
     *
     * @return the merged state; a {@code CodecException} naming key and field when a field cannot be decoded as
     *     {@code type} (the write has happened by then)
     * @throws IllegalArgumentException if {@code data} is not a record, POJO or map, {@code type} is not a record or
     *     POJO, or {@code ttl} is below one second
     * @throws io.symphony.redis.CodecException if a value of {@code data} cannot be encoded
     * @since 0.1
     */
    public <T> Mono<T> merge(String handlerName, Object data, Duration ttl, Class<T> type) {
        Ttls.requirePositive(ttl, "ttl");
        support().codec().recordFieldTypes(type);
        String key = key(handlerName);
        Map<String, String> encoded = hashes().encodeRecord(key, data);
        return observed("merge", hashes().mergeRaw(key, () -> withMergeFields(handlerName, encoded), ttl, pool())
                .map(raw -> support().codec().decodeRecord(key, raw, type)));
    }

    /** Describe the repository by tenant, user and pool. */
    @Override
    public String toString() {
        return "RedisStateHandler[tenant=" + tenant() + ", userId=" + userId + ", pool=" + pool() + "]";
    }

    /**
     * The encoded fields plus the two the original adds; the timestamp is taken per subscription, so a retried
     * merge writes the time it actually ran.
     */
    private Map<String, String> withMergeFields(String handlerName, Map<String, String> encoded) {
        Map<String, String> merged = new LinkedHashMap<>(encoded);
        merged.put(HANDLER_TYPE_FIELD, handlerName);
        merged.put(TIMESTAMP_FIELD,
                support().codec().encode(LocalDateTime.ofInstant(support().clock().instant(), ZoneOffset.UTC)));
        return merged;
    }

    private Map<String, String> encodeAll(String key, Map<String, ?> data) {
        try {
            return support().codec().encodeHash(data);
        } catch (CodecException e) {
            throw e.at(key, e.field());
        }
    }

    private String encode(String key, String field, @Nullable Object value) {
        try {
            return support().codec().encode(value);
        } catch (CodecException e) {
            throw e.at(key, field);
        }
    }

    private String key(String handlerName) {
        return keys().handlerStateKey(tenant(), handlerName, userId);
    }
}
