package io.symphony.redis.repository;

import io.symphony.redis.codec.FieldTypes;
import io.symphony.redis.config.PoolAliases;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Store the named shared states of one user of one tenant, each a hash at {@code {tenant}:SS:{stateName}:{userId}}
 * in the {@value PoolAliases#SHARED_STATE} pool (the original's {@code RedisSharedState}).
 *
 * <p>Every write sets the fields it is given (a field-level merge, never a replace) and renews the whole key's TTL
 * in the same atomic step, to the TTL passed or the repository's default. Reads never touch the TTL. State names
 * and the user id are escaped by the {@link io.symphony.redis.keys.KeyFactory}, so a name containing {@code _},
 * {@code :} or a glob character is stored, listed and cleared exactly as given, and a hostile user id such as
 * {@code *} can only ever reach its own keys.
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
public final class RedisSharedState extends TenantRepository<RedisSharedState> {

    private final String userId;

    /**
     * Create the repository of one user's shared states on the {@value PoolAliases#SHARED_STATE} pool, with the
     * support's default TTL.
     *
     * @throws IllegalArgumentException if the tenant or user id is empty, holds a control character or is too long
     */
    public RedisSharedState(RepositorySupport support, String tenant, String userId) {
        this(support, tenant, userId, PoolAliases.SHARED_STATE, support.defaultTtl());
    }

    private RedisSharedState(RepositorySupport support, String tenant, String userId, String pool,
            Duration defaultTtl) {
        super(support, tenant, pool, defaultTtl);
        this.userId = Objects.requireNonNull(userId, "userId");
        support.keys().sharedStatesPattern(tenant, userId);
    }

    /** {@inheritDoc} */
    @Override
    public RedisSharedState onPool(String alias) {
        return new RedisSharedState(support(), tenant(), userId, requireAlias(alias), defaultTtl());
    }

    /** {@inheritDoc} */
    @Override
    public RedisSharedState withDefaultTtl(Duration ttl) {
        return new RedisSharedState(support(), tenant(), userId, pool(), Ttls.requirePositive(ttl, "ttl"));
    }

    /** The user whose states this repository holds. */
    public String userId() {
        return userId;
    }

    /**
     * Set the fields of {@code data} in the state and renew its TTL to the default, atomically (one Lua script:
     * {@code HSET} + {@code PEXPIRE}). Fields not in {@code data} are kept. Emits {@code true}.
     *
     * <p>A value that cannot be encoded arrives as an {@code onError} {@link io.symphony.redis.CodecException}
     * naming key and field; nothing is written.
     *
     * @throws IllegalArgumentException if {@code data} is empty (the original deleted the state; call
     *     {@link #delete(String)} for that) or a field name is empty
     */
    public Mono<Boolean> upsert(String stateName, Map<String, ?> data) {
        return upsert(stateName, data, defaultTtl());
    }

    /**
     * Set the fields of {@code data} in the state and renew its TTL to {@code ttl}, atomically ({@code HSET} +
     * {@code PEXPIRE} in one Lua script); the original has no TTL parameter here. Emits {@code true}.
     *
     * @throws IllegalArgumentException if {@code data} is empty, a field name is empty, or {@code ttl} is below
     *     one second
     */
    public Mono<Boolean> upsert(String stateName, Map<String, ?> data, Duration ttl) {
        return observed("upsert", hashes().write(key(stateName), data, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Write a whole record or POJO as the state {@code stateName}, one hash field per property, and renew its TTL
     * to the default; see {@link #upsert(String, Object, Duration)}.
     *
     * @since 0.1
     */
    public Mono<Boolean> upsert(String stateName, Object record) {
        return upsert(stateName, record, defaultTtl());
    }

    /**
     * Write a whole record or POJO as the state {@code stateName}, one hash field per property, and renew its TTL
     * to {@code ttl}, atomically ({@code HSET} + {@code PEXPIRE} in one Lua script). Emits {@code true}.
     *
     * <p>Each property is stored exactly as {@link #upsert(String, Map, Duration)} stores the same value under the
     * same name (Jackson's property names: {@code @JsonProperty} renames apply), so the Python original reads it.
     * A null property is stored as {@code null}, as the original stores {@code None}, unless
     * {@code @JsonInclude(NON_NULL)} leaves it out (then the stored field is kept). Other fields of the state are
     * kept: this merges. A {@code Map} is accepted too and written as the {@code Map} overload writes it.
     *
     * @throws IllegalArgumentException if {@code record} is not a record, POJO or map, writes no field, or
     *     {@code ttl} is below one second
     * @throws io.symphony.redis.CodecException if a property cannot be encoded; it names key and field
     * @since 0.1
     */
    public Mono<Boolean> upsert(String stateName, Object record, Duration ttl) {
        return observed("upsert",
                hashes().writeRecord(key(stateName), record, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Read the whole state {@code stateName} with {@code HGETALL} as an instance of {@code type}, a Java record or
     * POJO, each field decoded by the declared type of its property, never guessed (an {@code int} stored as
     * {@code 1} is 1, not {@code true}; a {@code String} holding {@code "1"} stays {@code "1"}). Fields the type does
     * not have are ignored; a property without a field, or stored as {@code null}, is null.
     *
     * @return the instance; empty when the state does not exist; a {@code CodecException} naming key and field
     *     when a field cannot be decoded or a primitive property has no field
     * @throws IllegalArgumentException if {@code type} is not a record or POJO
     * @since 0.1
     */
    public <T> Mono<T> get(String stateName, Class<T> type) {
        return observed("get", hashes().getRecord(key(stateName), type, pool()));
    }

    /**
     * Read the whole state with {@code HGETALL}, every field decoded with the original's untyped rules.
     *
     * @return the fields, in Redis order; empty when the state does not exist
     */
    public Mono<Map<String, @Nullable Object>> get(String stateName) {
        return get(stateName, FieldTypes.none());
    }

    /**
     * Read the whole state with {@code HGETALL}, decoding the fields named in {@code types} as their type (the
     * original's {@code models=}, which its {@code RedisSharedState.get} lacked) and the others untyped.
     *
     * @return the fields; empty when the state does not exist; a {@code CodecException} naming key and field when
     *     a typed field cannot be decoded
     */
    public Mono<Map<String, @Nullable Object>> get(String stateName, FieldTypes types) {
        return observed("get", hashes().get(key(stateName), types, pool()));
    }

    /**
     * Read one field with {@code HGET}, decoded with the original's untyped rules.
     *
     * @return the value; empty when the state or field is missing or the stored value is {@code null}
     */
    public Mono<Object> getField(String stateName, String field) {
        return observed("getField", hashes().getField(key(stateName), field, pool()));
    }

    /**
     * Read one field with {@code HGET}, decoded as {@code type}.
     *
     * @return the value; empty when missing or {@code null}; a {@code CodecException} naming key and field when
     *     the stored text cannot be read as {@code type}
     */
    public <T> Mono<T> getField(String stateName, String field, Class<T> type) {
        return observed("getField", hashes().getField(key(stateName), field, type, pool()));
    }

    /**
     * Set one field and renew the state's TTL to the default, atomically ({@code HSET} + {@code PEXPIRE} in one
     * Lua script). Emits {@code true}.
     */
    public Mono<Boolean> updateField(String stateName, String field, @Nullable Object value) {
        return updateField(stateName, field, value, defaultTtl());
    }

    /**
     * Set one field and renew the state's TTL to {@code ttl}, atomically ({@code HSET} + {@code PEXPIRE} in one
     * Lua script). Emits {@code true}.
     *
     * @throws IllegalArgumentException if {@code ttl} is below one second or the field name is empty
     */
    public Mono<Boolean> updateField(String stateName, String field, @Nullable Object value, Duration ttl) {
        return observed("updateField",
                hashes().writeField(key(stateName), field, value, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Remove one field with {@code HDEL}; the TTL is left as it is.
     *
     * @return 1 if the field existed, else 0 (also when the state is missing)
     */
    public Mono<Long> deleteField(String stateName, String field) {
        return observed("deleteField", hashes().deleteField(key(stateName), field, pool()));
    }

    /**
     * Remove the whole state with {@code DEL}.
     *
     * @return 1 if it existed, else 0
     */
    public Mono<Long> delete(String stateName) {
        return observed("delete", hashes().delete(key(stateName), pool()));
    }

    /** Tell with {@code EXISTS} whether the state exists. */
    public Mono<Boolean> exists(String stateName) {
        return observed("exists", hashes().exists(key(stateName), pool()));
    }

    /**
     * List the names of this user's states, exactly as they were given (the original turned every {@code _} into
     * {@code :}).
     *
     * <p>Runs {@code SCAN} with the glob-escaped pattern {@code {tenant}:SS:*:{userId}} and keeps only the keys the
     * key factory parses as a state of this tenant and user, so keys of other users or tenants that the glob
     * happens to match are never reported. Not a snapshot: states created or deleted during the scan may or may
     * not appear. A name is emitted once even if {@code SCAN} returns its key twice. Costs O(keys in the DB).
     *
     * @return the state names, in no particular order; empty when the user has none
     */
    public Flux<String> listStates() {
        String pattern = keys().sharedStatesPattern(tenant(), userId);
        return observedMany("listStates", support().ops().onPool(pool()).scanKeys(pattern)
                .<String>handle((key, sink) -> keys().parseSharedStateName(tenant(), userId, key)
                        .ifPresent(sink::next))
                .distinct());
    }

    /**
     * Delete every state of this user, and only of this user of this tenant: {@code SCAN} as in
     * {@link #listStates()}, then {@code DEL} of the accepted keys in batches of 100. Not atomic: a state created
     * during the scan may survive. The original's pattern was not escaped, so a user id of {@code *} wiped every
     * user's states and keys of other tenants; here it only reaches the states of the user literally named
     * {@code *}.
     *
     * @return the number of keys deleted; 0 when the user has none
     */
    public Mono<Long> clearAllStates() {
        String pattern = keys().sharedStatesPattern(tenant(), userId);
        return observed("clearAllStates", hashes().deleteMatching(pattern, this::isOwnState, pool()));
    }

    /** Describe the repository by tenant, user and pool. */
    @Override
    public String toString() {
        return "RedisSharedState[tenant=" + tenant() + ", userId=" + userId + ", pool=" + pool() + "]";
    }

    private String key(String stateName) {
        return keys().sharedStateKey(tenant(), stateName, userId);
    }

    private boolean isOwnState(String key) {
        return keys().parseSharedStateName(tenant(), userId, key).isPresent();
    }

    private static String requireAlias(String alias) {
        Objects.requireNonNull(alias, "alias");
        if (alias.isBlank()) {
            throw new IllegalArgumentException("pool alias must not be blank");
        }
        return alias;
    }
}
