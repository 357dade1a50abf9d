package io.symphony.redis.repository;

import io.symphony.redis.codec.FieldTypes;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.keys.TableRowId;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Store the rows of a tenant's tables, one Redis hash per row at {@code {tenant}:df:{table}:pkid:{pkid}} (the
 * original's {@code RedisTable}), on the {@code handlers} pool by default.
 *
 * <p>Values are written in the original's wire format (see {@link io.symphony.redis.codec.RedisValueCodec}). Table
 * names and primary keys are escaped like every key component: {@code p:1} is stored as {@code p%3A1}, where the
 * original wrote the lossy {@code p_1}; names without {@code % : * ? [ ] \} or braces give the original's keys byte
 * for byte. Every write renews the row's TTL to the TTL it is given, or to {@link #defaultTtl()}, in the same
 * server-side step as the write itself: a failed write never touches the TTL.
 *
 * <p>Every method returns a cold publisher: nothing reaches Redis until it is subscribed, each subscription repeats
 * the work, and cancelling drops the reply of a command already sent. Argument errors ({@code null}, an empty or
 * illegal table name, primary key or field, a TTL under one second, an empty row) are thrown at call time. Redis
 * failures arrive as {@link io.symphony.redis.RedisCommandException} naming command, key and pool; values a typed
 * read cannot decode arrive as {@link io.symphony.redis.CodecException} naming key and field. Signals arrive on the
 * Lettuce I/O thread of the connection; do not block in downstream operators.
 *
 * <p>Instances are immutable and cheap (no I/O on construction): create one per request.
 *
 * @since 0.1
 */
public final class RedisTable extends TenantRepository<RedisTable> {

    /**
     * Create the table repository of a tenant on the {@code handlers} pool with the support's default TTL.
     *
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the tenant is empty, contains a control character or is too long
     */
    public RedisTable(RepositorySupport support, String tenant) {
        this(support, tenant, PoolAliases.HANDLERS, support.defaultTtl());
    }

    private RedisTable(RepositorySupport support, String tenant, String pool, Duration defaultTtl) {
        super(support, tenant, pool, defaultTtl);
    }

    /** Return a copy of this repository whose commands run on the pool {@code alias}. */
    @Override
    public RedisTable onPool(String alias) {
        return new RedisTable(support(), tenant(), alias, defaultTtl());
    }

    /**
     * Return a copy of this repository whose writes without a TTL use {@code ttl}.
     *
     * @throws IllegalArgumentException if {@code ttl} is under one second
     */
    @Override
    public RedisTable withDefaultTtl(Duration ttl) {
        return new RedisTable(support(), tenant(), pool(), ttl);
    }

    /**
     * Return the Redis key of a row.
     *
     * @throws NullPointerException if the table or primary key is {@code null}
     * @throws IllegalArgumentException if the table or primary key is empty, contains a control character or is
     *     too long
     */
    public String key(String table, String pkid) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(pkid, "pkid");
        return keys().tableRowKey(tenant(), table, pkid);
    }

    /**
     * Read a whole row, every field decoded untyped with the original's rules.
     *
     * <p>Runs {@code HGETALL}. Emits the fields in stored order; completes empty when the row does not exist.
     */
    public Mono<Map<String, @Nullable Object>> get(String table, String pkid) {
        return get(table, pkid, FieldTypes.none());
    }

    /**
     * Read a whole row, the fields named in {@code types} decoded as their type, the others untyped (the
     * original's {@code models=}).
     *
     * <p>Runs {@code HGETALL}. Completes empty when the row does not exist; a typed field that cannot be decoded
     * signals {@link io.symphony.redis.CodecException} naming key and field.
     */
    public Mono<Map<String, @Nullable Object>> get(String table, String pkid, FieldTypes types) {
        return observed("get", hashes().get(key(table, pkid), types, pool()));
    }

    /**
     * Read a whole row as an instance of {@code type}, a Java record or POJO, each field decoded by the declared
     * type of its property, never guessed (an {@code int} stored as {@code 1} is 1, not {@code true}; a
     * {@code String} holding {@code "1"} stays {@code "1"}). Fields the type does not have are ignored; a property
     * without a field, or stored as {@code null}, is null.
     *
     * <p>Runs {@code HGETALL}. Emits the instance, or completes empty when the row does not exist. A field that
     * cannot be decoded as its property's type, or a primitive property without a field, signals
     * {@link io.symphony.redis.CodecException} naming key and field.
     *
     * @throws IllegalArgumentException if {@code type} is not a record or POJO
     * @since 0.1
     */
    public <T> Mono<T> get(String table, String pkid, Class<T> type) {
        return observed("get", hashes().getRecord(key(table, pkid), type, pool()));
    }

    /**
     * Write a whole record or POJO as a row, one hash field per property, and reset the row's TTL to the default;
     * see {@link #upsert(String, String, Object, Duration)}.
     *
     * @since 0.1
     */
    public Mono<Boolean> upsert(String table, String pkid, Object record) {
        return upsert(table, pkid, record, defaultTtl());
    }

    /**
     * Write a whole record or POJO as a row, one hash field per property, and reset the row's TTL to {@code ttl}.
     *
     * <p>Each property is stored exactly as {@link #upsert(String, String, Map, Duration)} stores the same value
     * under the same name (Jackson's property names: {@code @JsonProperty} renames apply), so the Python original
     * reads it. A null property is stored as {@code null}, as the original stores {@code None}, unless
     * {@code @JsonInclude(NON_NULL)} leaves it out (then the stored field is kept). Other fields of the row are kept:
     * this merges. A {@code Map} is accepted too and written as the {@code Map} overload writes it.
     *
     * <p>Runs {@code HSET} + {@code PEXPIRE} atomically in one script. Emits {@code true}; creates the row when
     * missing.
     *
     * @throws IllegalArgumentException if {@code record} is not a record, POJO or map, writes no field, or
     *     {@code ttl} is under one second
     * @throws io.symphony.redis.CodecException if a property cannot be encoded; it names key and field
     * @since 0.1
     */
    public Mono<Boolean> upsert(String table, String pkid, Object record, Duration ttl) {
        return observed("upsert",
                hashes().writeRecord(key(table, pkid), record, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Merge {@code data} into a row and reset its TTL to the default: fields not in {@code data} are kept.
     *
     * <p>Runs {@code HSET} + {@code PEXPIRE} atomically in one script. Emits {@code true}; creates the row when
     * missing.
     *
     * <p>A value that cannot be encoded arrives as an {@code onError} {@link io.symphony.redis.CodecException}
     * naming key and field; nothing is written.
     *
     * @throws IllegalArgumentException if {@code data} is empty (the original deleted the row; call
     *     {@link #delete(String, String)} for that) or a field name is empty
     */
    public Mono<Boolean> upsert(String table, String pkid, Map<String, ?> data) {
        return upsert(table, pkid, data, defaultTtl());
    }

    /**
     * Merge {@code data} into a row and reset its TTL to {@code ttl}; see {@link #upsert(String, String, Map)}.
     *
     * @throws IllegalArgumentException if {@code data} is empty or {@code ttl} is under one second
     */
    public Mono<Boolean> upsert(String table, String pkid, Map<String, ?> data, Duration ttl) {
        return observed("upsert", hashes().write(key(table, pkid), data, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Read one field of a row decoded untyped with the original's rules; runs {@code HGET}. Completes empty when
     * the field or the row is missing, or the stored value is {@code null}.
     */
    public Mono<Object> getField(String table, String pkid, String field) {
        return observed("getField", hashes().getField(key(table, pkid), field, pool()));
    }

    /**
     * Read one field of a row decoded as {@code type}; runs {@code HGET}. Completes empty when the field or the
     * row is missing, or the stored value is {@code null}; a value that cannot be read as {@code type} signals
     * {@link io.symphony.redis.CodecException} naming key and field.
     */
    public <T> Mono<T> getField(String table, String pkid, String field, Class<T> type) {
        return observed("getField", hashes().getField(key(table, pkid), field, type, pool()));
    }

    /**
     * Set one field of a row and reset the row's TTL to the default.
     *
     * <p>Runs {@code HSET} + {@code PEXPIRE} atomically in one script. Emits {@code true}; creates the row when
     * missing.
     *
     * <p>A value that cannot be encoded arrives as an {@code onError} {@link io.symphony.redis.CodecException}
     * naming key and field; nothing is written.
     */
    public Mono<Boolean> updateField(String table, String pkid, String field, @Nullable Object value) {
        return updateField(table, pkid, field, value, defaultTtl());
    }

    /**
     * Set one field of a row and reset the row's TTL to {@code ttl}; see
     * {@link #updateField(String, String, String, Object)}.
     *
     * @throws IllegalArgumentException if {@code ttl} is under one second
     */
    public Mono<Boolean> updateField(String table, String pkid, String field, @Nullable Object value,
            Duration ttl) {
        return observed("updateField",
                hashes().writeField(key(table, pkid), field, value, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Add one to an integer field of a row and reset the TTL to the default; see
     * {@link #incrementField(String, String, String, long, Duration)}.
     */
    public Mono<Long> incrementField(String table, String pkid, String field) {
        return incrementField(table, pkid, field, 1L, defaultTtl());
    }

    /**
     * Add {@code increment} to an integer field of a row and reset the TTL to the default; see
     * {@link #incrementField(String, String, String, long, Duration)}.
     */
    public Mono<Long> incrementField(String table, String pkid, String field, long increment) {
        return incrementField(table, pkid, field, increment, defaultTtl());
    }

    /**
     * Add {@code increment} (may be negative) to an integer field of a row and reset the row's TTL to {@code ttl}.
     *
     * <p>Runs {@code HINCRBY} + {@code PEXPIRE} atomically in one script: a missing field counts from 0 and a
     * missing row is created. Emits the new value. A field that does not hold an integer signals
     * {@link io.symphony.redis.RedisCommandException} naming the key, and then the TTL is left as it was.
     *
     * @throws IllegalArgumentException if {@code ttl} is under one second
     */
    public Mono<Long> incrementField(String table, String pkid, String field, long increment, Duration ttl) {
        return observed("incrementField",
                hashes().increment(key(table, pkid), field, increment, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /**
     * Append {@code value} to the JSON list in a field of a row and reset the TTL to the default; see
     * {@link #appendToList(String, String, String, Object, Duration)}.
     */
    public Mono<Boolean> appendToList(String table, String pkid, String field, @Nullable Object value) {
        return appendToList(table, pkid, field, value, defaultTtl());
    }

    /**
     * Append {@code value} to the JSON list stored in a field of a row and reset the row's TTL to {@code ttl}.
     *
     * <p>Runs one Lua script ({@code HGET}, {@code HSET}, {@code PEXPIRE}) on the server, so concurrent appends
     * never lose an element. A missing field, or one that does not hold a list, becomes a one-element list, as in
     * the original. Emits {@code true}.
     *
     * @throws IllegalArgumentException if {@code ttl} is under one second
     * @throws io.symphony.redis.CodecException if the value cannot be written as JSON
     */
    public Mono<Boolean> appendToList(String table, String pkid, String field, @Nullable Object value,
            Duration ttl) {
        return observed("appendToList",
                hashes().appendToList(key(table, pkid), field, value, Ttls.requirePositive(ttl, "ttl"), pool()));
    }

    /** Tell whether a row exists; runs {@code EXISTS}. */
    public Mono<Boolean> exists(String table, String pkid) {
        return observed("exists", hashes().exists(key(table, pkid), pool()));
    }

    /** Delete a row; runs {@code DEL} and emits 1 if the row existed, else 0. */
    public Mono<Long> delete(String table, String pkid) {
        return observed("delete", hashes().delete(key(table, pkid), pool()));
    }

    /**
     * Find the first row of {@code table} whose {@code field} equals {@code value}; see
     * {@link #findByField(String, String, Object, FieldTypes)}.
     */
    public Mono<Map<String, @Nullable Object>> findByField(String table, String field, @Nullable Object value) {
        return findByField(table, field, value, FieldTypes.none());
    }

    /**
     * Find the first row of {@code table} in this tenant whose {@code field} equals {@code value}, and read it
     * with {@code types}.
     *
     * <p>Values are compared decoded, as in {@link RedisUser#findByField(String, Object, FieldTypes)}: JSON
     * spacing and key order do not matter. Which row is "first" among several matches is unspecified.
     *
     * <p>Runs {@code SCAN MATCH {tenant}:df:{table}:pkid:*} (glob-escaped), keeps only keys that are exactly rows
     * of this table and tenant, {@code HGET}s the field of each ({@link RepositorySupport#scanConcurrency()} in
     * flight) and {@code HGETALL}s the first match. Not atomic. <b>Cost:</b> O(keys in the pool's DB) plus one
     * round trip per row of the table; memory stays bounded. Emits the row, or completes empty when none matches.
     * There is no secondary index (the original has none, and one kept by this class alone would miss rows written
     * by the original or expired by Redis).
     */
    public Mono<Map<String, @Nullable Object>> findByField(String table, String field, @Nullable Object value,
            FieldTypes types) {
        Objects.requireNonNull(table, "table");
        String pattern = keys().tableRowPattern(tenant(), table);
        return observed("findByField",
                hashes().findFirst(pattern, rowsWhere(row -> row.table().equals(table)), field, value, types,
                pool()));
    }

    /**
     * Find the first row of {@code table} in this tenant whose {@code field} equals {@code value}, and read it as
     * an instance of {@code type}, as {@link #get(String, String, Class)} reads it. Matching and cost are those of
     * {@link #findByField(String, String, Object, FieldTypes)}.
     *
     * @throws IllegalArgumentException if {@code type} is not a record or POJO, or {@code field} is empty
     * @since 0.1
     */
    public <T> Mono<T> findByField(String table, String field, @Nullable Object value, Class<T> type) {
        Objects.requireNonNull(table, "table");
        support().codec().recordFieldTypes(type);
        String pattern = keys().tableRowPattern(tenant(), table);
        return observed("findByField",
                hashes().findFirst(pattern, rowsWhere(row -> row.table().equals(table)), field, value,
                k -> hashes().getRecord(k, type, pool()), pool()));
    }

    /**
     * Delete the row with primary key {@code pkid} from every table of this tenant.
     *
     * <p>Runs {@code SCAN MATCH {tenant}:df:*:pkid:{pkid}} (glob-escaped), keeps only keys that are exactly rows of
     * this tenant with this primary key (so neither a hostile {@code pkid} nor another tenant's key can widen it),
     * and {@code DEL}s them in batches of 100. Not atomic: a row created during the scan may survive. Cost
     * O(keys in the pool's DB). Emits the number of rows deleted, 0 when there were none.
     *
     * @throws IllegalArgumentException if {@code pkid} is empty, contains a control character or is too long
     */
    public Mono<Long> deleteAllByPkid(String pkid) {
        Objects.requireNonNull(pkid, "pkid");
        String pattern = keys().tableRowsByPkidPattern(tenant(), pkid);
        return observed("deleteAllByPkid",
                hashes().deleteMatching(pattern, rowsWhere(row -> row.pkid().equals(pkid)), pool()));
    }

    private Predicate<String> rowsWhere(Predicate<TableRowId> condition) {
        String tenant = tenant();
        return k -> keys().parseTableRow(tenant, k).filter(condition).isPresent();
    }

    @Override
    public String toString() {
        return "RedisTable[tenant=" + tenant() + ", pool=" + pool() + "]";
    }
}
