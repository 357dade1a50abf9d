package io.symphony.redis.repository;

import io.symphony.redis.CodecException;
import io.symphony.redis.codec.FieldTypes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The hash-record operations every hash-backed repository shares (the original's {@code TenantCache} helpers),
 * fixed: writes and their TTL are one atomic step, read-modify-writes run as Lua on the server, decoding failures
 * and Redis errors reach the caller as {@code onError}, missing records are empty.
 *
 * <p>Keys and aliases are resolved by the caller; this class only knows hashes.
 */
final class HashStore {

    private static final Logger log = LoggerFactory.getLogger(HashStore.class);

    private final RepositorySupport support;

    HashStore(RepositorySupport support) {
        this.support = support;
    }

    /** HGETALL, decoded with the per-field types; empty when the hash does not exist. */
    Mono<Map<String, @Nullable Object>> get(String key, FieldTypes types, String alias) {
        Objects.requireNonNull(types, "types");
        return support.ops().onPool(alias).hgetall(key)
                .map(raw -> support.codec().decodeHash(key, raw, types));
    }

    /** HSET of every field plus PEXPIRE, atomically (one Lua script). */
    Mono<Boolean> write(String key, Map<String, ?> data, Duration ttl, String alias) {
        Objects.requireNonNull(data, "data");
        requireNotEmpty(key, data);
        Ttls.requirePositive(ttl, "ttl");
        data.keySet().forEach(HashStore::requireField);
        // Encoded per subscription: a value that cannot be encoded is an onError signal, like a decode failure.
        return Mono.defer(() -> writeEncoded(key, encode(key, data), ttl, alias));
    }

    /**
     * HSET of one field per property of a record or POJO (or per entry of a map) plus PEXPIRE, atomically; the
     * fields are the bytes {@link #write} stores for the same values.
     */
    Mono<Boolean> writeRecord(String key, Object record, Duration ttl, String alias) {
        Ttls.requirePositive(ttl, "ttl");
        return writeEncoded(key, requireNotEmpty(key, encodeRecord(key, record)), ttl, alias);
    }

    /** HGETALL, decoded into {@code type} property by property; empty when the hash does not exist. */
    <T> Mono<T> getRecord(String key, Class<T> type, String alias) {
        support.codec().recordFieldTypes(type);
        return support.ops().onPool(alias).hgetall(key)
                .map(raw -> support.codec().decodeRecord(key, raw, type));
    }

    /**
     * Encode a record or POJO with the codec's record mapping, or a map as {@link #write} does, naming the key in
     * a failure; runs at call time.
     *
     * @throws IllegalArgumentException if {@code record} is neither a map with string keys nor a record or POJO
     */
    Map<String, String> encodeRecord(String key, Object record) {
        Objects.requireNonNull(record, "record");
        if (record instanceof Map) {
            return encode(key, stringKeys(key, (Map<?, ?>) record));
        }
        try {
            return support.codec().encodeRecord(record);
        } catch (CodecException e) {
            throw e.at(key, e.field());
        }
    }

    private Mono<Boolean> writeEncoded(String key, Map<String, String> encoded, Duration ttl, String alias) {
        return support.ops().onPool(alias).hsetWithExpire(key, encoded, ttl).thenReturn(Boolean.TRUE);
    }

    private static <M extends Map<String, ?>> M requireNotEmpty(String key, M fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("Refusing to write an empty record to '" + key
                    + "': the original deletes the key on an empty upsert; call delete() for that");
        }
        return fields;
    }

    private static Map<String, ?> stringKeys(String key, Map<?, ?> map) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        map.forEach((field, value) -> {
            if (!(field instanceof String)) {
                throw new IllegalArgumentException("Hash field names must be strings, got " + field + " ("
                        + (field == null ? "null" : field.getClass().getName()) + ") for '" + key + "'");
            }
            fields.put((String) field, value);
        });
        return fields;
    }

    /** HSET of one field plus PEXPIRE, atomically. */
    Mono<Boolean> writeField(String key, String field, @Nullable Object value, Duration ttl, String alias) {
        Map<String, @Nullable Object> one = new LinkedHashMap<>();
        one.put(requireField(field), value);
        return write(key, one, ttl, alias);
    }

    /** Plain HSET of one field, leaving the TTL as it is (no TTL on a new key). */
    Mono<Boolean> writeFieldKeepingTtl(String key, String field, @Nullable Object value, String alias) {
        requireField(field);
        return Mono.defer(() -> support.ops().onPool(alias).hset(key, field, encodeValue(key, field, value)))
                .thenReturn(Boolean.TRUE);
    }

    /** HINCRBY plus PEXPIRE in one script; a non-integer field fails and leaves the TTL untouched. */
    Mono<Long> increment(String key, String field, long amount, Duration ttl, String alias) {
        Ttls.requirePositive(ttl, "ttl");
        return support.ops().onPool(alias).hincrbyWithExpire(key, requireField(field), amount, ttl);
    }

    /** Append to the JSON array in {@code field} on the server, atomically, renewing the TTL. */
    Mono<Boolean> appendToList(String key, String field, @Nullable Object value, Duration ttl, String alias) {
        Ttls.requirePositive(ttl, "ttl");
        requireField(field);
        return Mono.defer(() -> support.ops().onPool(alias).eval(HashScripts.APPEND_TO_LIST, List.of(key),
                        List.of(field, encodeElement(key, field, value), String.valueOf(ttl.toMillis()))))
                .map(appended -> {
                    if (appended == 0L) {
                        log.debug("append_to_list started a new list in '{}' field '{}'", key, field);
                    }
                    return Boolean.TRUE;
                });
    }

    /** HSET of the fields plus PEXPIRE, then HGETALL, in one script; emits the whole merged record. */
    Mono<Map<String, @Nullable Object>> merge(String key, Map<String, ?> data, Duration ttl, FieldTypes types,
            String alias) {
        Ttls.requirePositive(ttl, "ttl");
        data.keySet().forEach(HashStore::requireField);
        return mergeEncoded(key, () -> encode(key, data), ttl, types, alias);
    }

    /**
     * Like {@link #merge}, with the fields already encoded by {@code encoded}, which runs once per subscription
     * (so an encoding failure is an {@code onError} signal).
     */
    Mono<Map<String, @Nullable Object>> mergeEncoded(String key, Supplier<Map<String, String>> encoded, Duration ttl,
            FieldTypes types, String alias) {
        return mergeRaw(key, encoded, ttl, alias).map(raw -> support.codec().decodeHash(key, raw, types));
    }

    /** HSET of the fields plus PEXPIRE, then HGETALL, in one script; emits the whole merged record undecoded. */
    Mono<Map<String, String>> mergeRaw(String key, Supplier<Map<String, String>> encoded, Duration ttl,
            String alias) {
        Ttls.requirePositive(ttl, "ttl");
        return Mono.defer(() -> support.ops().onPool(alias).eval(HashScripts.MERGE, List.of(key),
                        mergeArgs(encoded.get(), ttl)))
                .map(HashStore::pairs);
    }

    private static List<String> mergeArgs(Map<String, String> encoded, Duration ttl) {
        List<String> args = new java.util.ArrayList<>(1 + 2 * encoded.size());
        args.add(String.valueOf(ttl.toMillis()));
        encoded.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return args;
    }

    /** HGET, decoded untyped; empty when the field or hash is missing, or the stored value is {@code null}. */
    Mono<Object> getField(String key, String field, String alias) {
        return support.ops().onPool(alias).hget(key, requireField(field))
                .handle((raw, sink) -> {
                    Object value = support.codec().decode(raw);
                    if (value != null) {
                        sink.next(value);
                    }
                });
    }

    /** HGET, decoded as {@code type}; empty when missing or {@code null}. */
    <T> Mono<T> getField(String key, String field, Class<T> type, String alias) {
        Objects.requireNonNull(type, "type");
        return support.ops().onPool(alias).hget(key, requireField(field))
                .handle((raw, sink) -> {
                    try {
                        T value = support.codec().decode(raw, type);
                        if (value != null) {
                            sink.next(value);
                        }
                    } catch (CodecException e) {
                        sink.error(e.at(key, field));
                    }
                });
    }

    /** HDEL of one field; emits how many were removed (0 or 1). */
    Mono<Long> deleteField(String key, String field, String alias) {
        return support.ops().onPool(alias).hdel(key, List.of(requireField(field)));
    }

    /** EXISTS. */
    Mono<Boolean> exists(String key, String alias) {
        return support.ops().onPool(alias).exists(List.of(key)).map(count -> count > 0);
    }

    /** DEL; emits how many keys were removed (0 or 1). */
    Mono<Long> delete(String key, String alias) {
        return support.ops().onPool(alias).delete(List.of(key));
    }

    /**
     * SCAN {@code pattern}, keep the keys {@code inScope} accepts (the strict parser of the key factory), HGET
     * {@code field} of each with bounded concurrency, and emit the first whole record whose decoded field equals
     * the decoded {@code value}. Costs O(keys in the DB matched by SCAN); memory stays bounded.
     */
    Mono<Map<String, @Nullable Object>> findFirst(String pattern, Predicate<String> inScope, String field,
            @Nullable Object value, FieldTypes types, String alias) {
        Objects.requireNonNull(types, "types");
        return findFirst(pattern, inScope, field, value, key -> get(key, types, alias), alias);
    }

    /**
     * Like {@link #findFirst(String, Predicate, String, Object, FieldTypes, String)}, reading the first match with
     * {@code reader}; a match that {@code reader} finds gone is skipped.
     */
    <R> Mono<R> findFirst(String pattern, Predicate<String> inScope, String field, @Nullable Object value,
            Function<String, Mono<R>> reader, String alias) {
        requireField(field);
        Object wanted = support.codec().decode(support.codec().encode(value));
        return support.ops().onPool(alias).scanKeys(pattern)
                .filter(inScope)
                .flatMapSequential(key -> support.ops().onPool(alias).hget(key, field)
                        .filter(raw -> Objects.equals(support.codec().decode(raw), wanted))
                        .map(raw -> key), support.scanConcurrency())
                .concatMap(reader)
                .next();
    }

    /** SCAN {@code pattern}, keep the keys {@code inScope} accepts. */
    Flux<String> scan(String pattern, Predicate<String> inScope, String alias) {
        return support.ops().onPool(alias).scanKeys(pattern).filter(inScope);
    }

    /** SCAN, keep in-scope keys, DEL them in batches of 100; emits the number deleted. */
    Mono<Long> deleteMatching(String pattern, Predicate<String> inScope, String alias) {
        return scan(pattern, inScope, alias)
                .buffer(100)
                .concatMap(batch -> support.ops().onPool(alias).delete(batch))
                .reduce(0L, Long::sum);
    }

    private Map<String, String> encode(String key, Map<String, ?> data) {
        try {
            return support.codec().encodeHash(data);
        } catch (CodecException e) {
            throw e.at(key, e.field());
        }
    }

    private String encodeValue(String key, String field, @Nullable Object value) {
        try {
            return support.codec().encode(value);
        } catch (CodecException e) {
            throw e.at(key, field);
        }
    }

    private String encodeElement(String key, String field, @Nullable Object value) {
        try {
            return support.codec().encodeListElement(value);
        } catch (CodecException e) {
            throw e.at(key, field);
        }
    }

    private static Map<String, String> pairs(List<Object> flat) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    static String requireField(String field) {
        Objects.requireNonNull(field, "field");
        if (field.isEmpty()) {
            throw new IllegalArgumentException("field name must not be empty");
        }
        return field;
    }
}
