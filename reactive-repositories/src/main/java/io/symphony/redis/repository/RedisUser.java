package io.symphony.redis.repository;

import io.symphony.redis.codec.FieldTypes;
import io.symphony.redis.config.PoolAliases;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Store one user's record as a Redis hash at {@code {tenant}:user:{userId}} (the original's {@code RedisUser}), on
 * the {@code user} pool by default.
 *
 * <p>Values are written in the original's wire format (see {@link io.symphony.redis.codec.RedisValueCodec}), so a
 * Python service on the original and this class read each other's records. Every write renews the whole key's TTL
 * to the TTL it is given, or to {@link #defaultTtl()} (one day unless the {@link RepositorySupport} says otherwise),
 * in the same server-side step as the write itself: a failed write never touches the TTL.
 *
 * <p>Every method returns a cold publisher: nothing reaches Redis until it is subscribed, each subscription repeats
 * the work, and cancelling drops the reply of a command already sent (the command itself still runs). Argument
 * errors ({@code null}, an empty field, a TTL under one second, an empty record) are thrown at call time. Redis
 * failures arrive as {@link io.symphony.redis.RedisCommandException} naming command, key and pool; values a typed
 * read cannot decode arrive as {@link io.symphony.redis.CodecException} naming key and field. Signals arrive on the
 * Lettuce I/O thread of the connection; do not block in downstream operators.
 *
 * <p>Instances are immutable and cheap (no I/O on construction): create one per request.
 *
 * @since 0.1
 */
public final class RedisUser extends TenantRepository<RedisUser> {

    private final String userId;
    private final String key;

    /**
     * Create the repository of one user on the {@code user} pool with the support's default TTL.
     *
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the tenant or user id is empty, contains a control character or is too
     *     long (glob and separator characters such as {@code *}, {@code :}, {@code ?}, {@code [} and braces are
     *     escaped, so they are safe)
     */
    public RedisUser(RepositorySupport support, String tenant, String userId) {
        this(support, tenant, userId, PoolAliases.USER, support.defaultTtl());
    }

    private RedisUser(RepositorySupport support, String tenant, String userId, String pool, Duration defaultTtl) {
        super(support, tenant, pool, defaultTtl);
        this.userId = Objects.requireNonNull(userId, "userId");
        this.key = support.keys().userKey(tenant, userId);
    }

    /** Return a copy of this repository whose commands run on the pool {@code alias}. */
    @Override
    public RedisUser onPool(String alias) {
        return new RedisUser(support(), tenant(), userId, alias, defaultTtl());
    }

    /**
     * Return a copy of this repository whose writes without a TTL use {@code ttl}.
     *
     * @throws IllegalArgumentException if {@code ttl} is under one second
     */
    @Override
    public RedisUser withDefaultTtl(Duration ttl) {
        return new RedisUser(support(), tenant(), userId, pool(), ttl);
    }

    /** Return the user id, as given (unescaped). */
    public String userId() {
        return userId;
    }

    /** Return the Redis key of this user's hash. */
    public String key() {
        return key;
    }

    /**
     * Read the whole record, every field decoded untyped with the original's rules ({@code 1}/{@code 0} as
     * booleans, JSON-looking text as numbers, maps and lists).
     *
     * <p>Runs {@code HGETALL}. Emits the fields in stored order (a stored {@code null} is a {@code null} value);
     * completes empty when the user does not exist.
     */
    public Mono<Map<String, @Nullable Object>> get() {
        return get(FieldTypes.none());
    }

    /**
     * Read the whole record, the fields named in {@code types} decoded as their type, the others untyped (the
     * original's {@code models=}).
     *
     * <p>Runs {@code HGETALL}. Completes empty when the user does not exist; a typed field that cannot be decoded
     * signals {@link io.symphony.redis.CodecException} naming key and field.
     */
    public Mono<Map<String, @Nullable Object>> get(FieldTypes types) {
        return observed("get", hashes().get(key, types, pool()));
    }

    /**
     * Read the whole record as an instance of {@code type}, a Java record or POJO, each field decoded by the
     * declared type of its property, never guessed: an {@code int quantity} stored as {@code 1} reads as 1 (the
     * untyped {@link #get()} gives {@code true}), a {@code String} holding {@code "1"} stays {@code "1"}. Fields the
     * type does not have are ignored; a property without a field, or stored as {@code null}, is null. See
     * {@link io.symphony.redis.codec.RedisValueCodec#decodeRecord(String, Map, Class)}.
     *
     * <p>Runs {@code HGETALL}. Emits the instance, or completes empty when the user does not exist. A field that
     * cannot be decoded as its property's type, or a primitive property without a field, signals
     * {@link io.symphony.redis.CodecException} naming key and field.
     *
     * @throws IllegalArgumentException if {@code type} is not a record or POJO (a JDK type, enum, map or
     *     collection)
     * @since 0.1
     */
    public <T> Mono<T> get(Class<T> type) {
        return observed("get", hashes().getRecord(key, type, pool()));
    }

    /**
     * Write a whole record or POJO, one hash field per property, and reset the TTL to the default; see
     * {@link #upsert(Object, Duration)}.
     *
     * @since 0.1
     */
    public Mono<Boolean> upsert(Object record) {
        return upsert(record, defaultTtl());
    }

    /**
     * Write a whole record or POJO, one hash field per property, and reset the record's TTL to {@code ttl}.
     *
     * <p>Each property is stored exactly as {@link #upsert(Map, Duration)} stores the same value under the same
     * name (Jackson's property names: {@code @JsonProperty} renames apply), which is what the original stores for
     * {@code upsert(model.model_dump())}, so the Python original reads it. A null property is stored as
     * {@code null}, as the original stores {@code None}, unless {@code @JsonInclude(NON_NULL)} leaves it out (then
     * the stored field is kept). Fields not among the properties are kept: like every upsert, this merges. A
     * {@code Map} is accepted too and written as {@link #upsert(Map, Duration)} writes it.
     *
     * <p>Runs {@code HSET} + {@code PEXPIRE} atomically in one script. Emits {@code true}; creates the user when
     * missing.
     *
     * @throws IllegalArgumentException if {@code record} is not a record, POJO or map, writes no field, or
     *     {@code ttl} is under one second
     * @throws io.symphony.redis.CodecException if a property cannot be encoded; it names key and field
     * @since 0.1
     */
    public Mono<Boolean> upsert(Object record, Duration ttl) {
        return observed("upsert", hashes().writeRecord(key, record, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Merge {@code data} into the record and reset its TTL to the default: fields not in {@code data} are kept.
     *
     * <p>Runs {@code HSET} + {@code PEXPIRE} atomically in one script. Emits {@code true}; creates the user when
     * missing.
     *
     * <p>A value that cannot be encoded arrives as an {@code onError} {@link io.symphony.redis.CodecException}
     * naming key and field; nothing is written.
     *
     * @throws IllegalArgumentException if {@code data} is empty (the original deleted the record; call
     *     {@link #delete()} for that) or a field name is empty
     */
    public Mono<Boolean> upsert(Map<String, ?> data) {
        return upsert(data, defaultTtl());
    }

    /**
     * Merge {@code data} into the record and reset its TTL to {@code ttl}; see {@link #upsert(Map)}.
     *
     * @throws IllegalArgumentException if {@code data} is empty or {@code ttl} is under one second
     */
    public Mono<Boolean> upsert(Map<String, ?> data, Duration ttl) {
        return observed("upsert", hashes().write(key, data, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Set one field and reset the record's TTL to the default.
     *
     * <p>Runs {@code HSET} + {@code PEXPIRE} atomically in one script. Emits {@code true}; creates the user when
     * missing.
     *
     * <p>A value that cannot be encoded arrives as an {@code onError} {@link io.symphony.redis.CodecException}
     * naming key and field; nothing is written.
     */
    public Mono<Boolean> updateField(String field, @Nullable Object value) {
        return updateField(field, value, defaultTtl());
    }

    /**
     * Set one field and reset the record's TTL to {@code ttl}; see {@link #updateField(String, Object)}.
     *
     * @throws IllegalArgumentException if {@code ttl} is under one second
     */
    public Mono<Boolean> updateField(String field, @Nullable Object value, Duration ttl) {
        return observed("updateField",
                hashes().writeField(key, field, value, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Add one to an integer field and reset the TTL to the default; see
     * {@link #incrementField(String, long, Duration)}.
     */
    public Mono<Long> incrementField(String field) {
        return incrementField(field, 1L, defaultTtl());
    }

    /**
     * Add {@code increment} to an integer field and reset the TTL to the default; see
     * {@link #incrementField(String, long, Duration)}.
     */
    public Mono<Long> incrementField(String field, long increment) {
        return incrementField(field, increment, defaultTtl());
    }

    /**
     * Add {@code increment} (may be negative) to an integer field and reset the record's TTL to {@code ttl}.
     *
     * <p>Runs {@code HINCRBY} + {@code PEXPIRE} atomically in one script: a missing field counts from 0 and a
     * missing user is created. Emits the new value. A field that does not hold an integer signals
     * {@link io.symphony.redis.RedisCommandException} naming the key, and then the TTL is left as it was (the
     * original renewed it anyway).
     *
     * @throws IllegalArgumentException if {@code ttl} is under one second
     */
    public Mono<Long> incrementField(String field, long increment, Duration ttl) {
        return observed("incrementField",
                hashes().increment(key, field, increment, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Append {@code value} to the JSON list in {@code field} and reset the TTL to the default; see
     * {@link #appendToList(String, Object, Duration)}.
     */
    public Mono<Boolean> appendToList(String field, @Nullable Object value) {
        return appendToList(field, value, defaultTtl());
    }

    /**
     * Append {@code value} to the JSON list stored in {@code field} and reset the record's TTL to {@code ttl}.
     *
     * <p>Runs one Lua script ({@code HGET}, {@code HSET}, {@code PEXPIRE}) on the server, so concurrent appends
     * never lose an element (the original's client-side read-modify-write kept 1 of 20). A missing field, or one
     * that does not hold a list, becomes a one-element list, as in the original. Emits {@code true}.
     *
     * @throws IllegalArgumentException if {@code ttl} is under one second
     * @throws io.symphony.redis.CodecException if the value cannot be written as JSON
     */
    public Mono<Boolean> appendToList(String field, @Nullable Object value, Duration ttl) {
        return observed("appendToList",
                hashes().appendToList(key, field, value, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Find the first user of this repository's tenant whose {@code field} equals {@code value}; see
     * {@link #findByField(String, Object, FieldTypes)}.
     */
    public Mono<Map<String, @Nullable Object>> findByField(String field, @Nullable Object value) {
        return findByField(field, value, FieldTypes.none());
    }

    /**
     * Find the first user of this repository's tenant whose {@code field} equals {@code value}, and read the
     * record with {@code types}.
     *
     * <p>Values are compared decoded: {@code value} is encoded and decoded untyped, each stored field is decoded
     * untyped, so JSON spacing and key order do not matter, while the original's ambiguities stay ({@code true}
     * matches a stored {@code 1}). Which user is "first" among several matches is unspecified.
     *
     * <p>Runs {@code SCAN MATCH {tenant}:user:*} (the tenant glob-escaped), keeps only keys that are exactly user
     * keys of this tenant, {@code HGET}s the field of each ({@link RepositorySupport#scanConcurrency()} in flight)
     * and {@code HGETALL}s the first match. Not atomic: a record that changes between the two reads is read as it
     * is at the second. <b>Cost:</b> O(keys in the pool's DB), since {@code MATCH} filters after Redis iterates
     * every key, plus one round trip per user of the tenant; memory stays bounded. Emits the record, or completes
     * empty when no user matches. There is no secondary index: keeping one exact would require every write path
     * (including the Python original's and key expiry) to maintain it, so none is offered.
     */
    public Mono<Map<String, @Nullable Object>> findByField(String field, @Nullable Object value, FieldTypes types) {
        String tenant = tenant();
        return observed("findByField",
                hashes().findFirst(keys().userPattern(tenant), k -> keys().parseUserId(tenant, k).isPresent(),
                field, value, types, pool()));
    }

    /**
     * Find the first user of this repository's tenant whose {@code field} equals {@code value}, and read the
     * record as an instance of {@code type}, as {@link #get(Class)} reads it. Matching and cost are those of
     * {@link #findByField(String, Object, FieldTypes)}.
     *
     * @throws IllegalArgumentException if {@code type} is not a record or POJO, or {@code field} is empty
     * @since 0.1
     */
    public <T> Mono<T> findByField(String field, @Nullable Object value, Class<T> type) {
        support().codec().recordFieldTypes(type);
        String tenant = tenant();
        return observed("findByField",
                hashes().findFirst(keys().userPattern(tenant), k -> keys().parseUserId(tenant, k).isPresent(),
                field, value, k -> hashes().getRecord(k, type, pool()), pool()));
    }

    /** Delete the whole record; runs {@code DEL} and emits 1 if the user existed, else 0. */
    public Mono<Long> delete() {
        return observed("delete", hashes().delete(key, pool()));
    }

    /**
     * Delete one field; runs {@code HDEL} and emits 1 if the field existed, else 0. The TTL is left as it is;
     * deleting the last field deletes the key.
     */
    public Mono<Long> deleteField(String field) {
        return observed("deleteField", hashes().deleteField(key, field, pool()));
    }

    /** Tell whether the user's record exists; runs {@code EXISTS}. */
    public Mono<Boolean> exists() {
        return observed("exists", hashes().exists(key, pool()));
    }

    /**
     * Read one field decoded untyped with the original's rules; runs {@code HGET}. Completes empty when the field
     * or the user is missing, or the stored value is {@code null}.
     */
    public Mono<Object> getField(String field) {
        return observed("getField", hashes().getField(key, field, pool()));
    }

    /**
     * Read one field decoded as {@code type}; runs {@code HGET}. Completes empty when the field or the user is
     * missing, or the stored value is {@code null}; a value that cannot be read as {@code type} signals
     * {@link io.symphony.redis.CodecException} naming key and field.
     */
    public <T> Mono<T> getField(String field, Class<T> type) {
        return observed("getField", hashes().getField(key, field, type, pool()));
    }

    @Override
    public String toString() {
        return "RedisUser[key=" + key + ", pool=" + pool() + "]";
    }
}
