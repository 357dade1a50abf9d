package io.symphony.redis.codec;

import io.symphony.redis.CodecException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Convert values to and from the strings the Python original stores in Redis, byte for byte.
 *
 * <h2>Writing</h2>
 * {@link #encode(Object)} checks the value's type in the original's order:
 * <ul>
 *   <li>null: {@code null};</li>
 *   <li>{@code Boolean} (and {@code AtomicBoolean}): {@code 1} / {@code 0};</li>
 *   <li>integers ({@code Byte} to {@code BigInteger}, atomics, adders): decimal, in full;</li>
 *   <li>{@code Double}/{@code Float}: Python's {@code str(float)}: {@code 30.0}, {@code 0.5}, {@code 1e+20},
 *       {@code 1e-07}, {@code nan}, {@code inf}, {@code -inf}, {@code -0.0}; a {@code Float} is written as the
 *       double its shortest decimal denotes ({@code 0.1f} as {@code 0.1});</li>
 *   <li>{@code BigDecimal}: {@link java.math.BigDecimal#toString()}, which produces exactly what Python's
 *       {@code str(Decimal)} produces for the same value (the original falls back to {@code str()} for
 *       decimals), scientific form such as {@code 1E+3} included, and reads back with the same scale;</li>
 *   <li>{@code CharSequence}, {@code Character}: unchanged;</li>
 *   <li>{@code java.time}: Python's {@code isoformat()}: {@code 2024-01-02T03:04:05}, a fraction only when the
 *       microseconds are non-zero and then six digits ({@code 46.730729}, nanoseconds truncated), an offset as
 *       {@code +00:00}, never {@code Z}; {@code Instant} as a UTC date-time with {@code +00:00};
 *       {@code ZonedDateTime} keeps only its offset; {@code LocalDate} {@code 2024-01-02};</li>
 *   <li>enums: by value: the {@code @JsonValue} (a string raw, a number in decimal) or else {@code name()};</li>
 *   <li>{@code Map}, {@code Collection}, arrays: JSON exactly as {@code json.dumps(v, ensure_ascii=False)}
 *       prints it: separators {@code ", "} and {@code ": "}, raw UTF-8, keys in iteration order, booleans
 *       {@code true}/{@code false};</li>
 *   <li>anything else (records, POJOs): Jackson's serialization printed the same way, but with every boolean at
 *       any depth written as the string {@code "1"}/{@code "0"}, as the original writes pydantic models:
 *       {@code {"name": "Alice", "active": "1", "score": 100, "tags": ["x", "y"], "flags": ["1", "0"]}}. A value
 *       that Jackson serializes as a scalar ({@code UUID}, {@code Duration}, a {@code @JsonValue} type) is
 *       written like a top-level scalar: {@code PT1H}, not {@code "PT1H"}.</li>
 * </ul>
 * Inside JSON, {@code java.time} values use the same strings and enums their value; the original cannot write
 * those at all. Properties keep their declaration order, as pydantic's do.
 *
 * <h2>Reading without a type</h2>
 * {@link #decode(String)} applies the original's rules, ambiguities included: {@code null} reads as null,
 * {@code 1}/{@code 0} as booleans, then the text is parsed as Python's {@code json.loads} would ({@code 42} is an
 * {@code Integer}, {@code -0} is 0, {@code 1.0} a {@code Double}, {@code true} a {@code Boolean}, {@code NaN} and
 * {@code Infinity} doubles, objects {@code LinkedHashMap}, arrays {@code ArrayList}), and text that is not JSON
 * ({@code 01234}, the empty string, {@code nan}, {@code inf}, plain words) comes back unchanged. Nested
 * {@code "1"}/{@code "0"} strings stay strings.
 *
 * <h2>Reading with a type</h2>
 * The typed {@code decode} methods never guess: a {@code String} target gets the text unchanged ({@code "1"},
 * {@code "null"} and {@code "{}"} stay strings); {@code Boolean} reads {@code 1}/{@code 0}/{@code true}/
 * {@code false}/{@code True}/{@code False}; numbers are parsed ({@code 1} is the {@code Integer} 1), floats accept
 * {@code nan}/{@code inf}/{@code -inf}/{@code NaN}/{@code Infinity}; enums read their value or name;
 * {@code java.time} types read the forms above; records, POJOs, maps and lists are read as JSON, where boolean
 * properties also accept {@code "1"}/{@code "0"}. For any target but {@code String}, the text {@code null} reads as
 * null (that is how null is stored), and so does no value at all; a primitive target fails on both. Every failure
 * is a {@link CodecException} that names the target type and the first 80 characters of the text, and keeps the
 * cause; a typed read never returns null for text it cannot read.
 *
 * <p>Instances are immutable and thread-safe. The mapper is a rebuilt copy of the one given, with polymorphic
 * typing off, alphabetical property sorting off, {@code NaN}/{@code Infinity} accepted, offsets not adjusted to
 * UTC, trailing tokens and nulls for primitives rejected, and the Python date-time and {@code "1"}/{@code "0"}
 * boolean handling added; the caller's mapper is never changed.
 *
 * @since 0.1
 */
public final class RedisValueCodec {

    private static final int MAX_CACHED_TYPES = 4096;
    /**
     * A string with every character class the escaping treats apart: quote, backslash, the short escapes, other
     * control characters, DEL, Latin-1 controls, non-ASCII, a surrogate pair, the JavaScript line separators and
     * the slash. A mapper whose string serializer prints it as {@link PythonJson#quote} does (Jackson's own does,
     * as {@code RedisValueCodecUnitTests} checks for every UTF-16 unit) lets list elements skip the generator.
     */
    private static final String STRING_PROBE = "a\"\\/\n\r\t\b\f\0\037\177\u0085\u00e9\u2028\u2029\ud83d\ude00z";

    private static final RedisValueCodec DEFAULTS = new RedisValueCodec(JsonMapper.builder().build());

    private final JsonMapper mapper;
    private final ValueEncoder encoder;
    private final UntypedDecoder untyped;
    private final TypedDecoder typed;
    private final RecordFields records;
    /** Jackson's type of each target type decoded so far: its own lookup shows in the profile of every read. */
    private final ConcurrentMap<Type, JavaType> javaTypes = new ConcurrentHashMap<>();
    /** Whether the mapper prints strings in arrays exactly as {@link PythonJson#quote} does (see the probe). */
    private final boolean quotesStringsDirectly;

    private RedisValueCodec(JsonMapper base) {
        this.mapper = CodecMapper.configure(base);
        EnumValues enums = new EnumValues(mapper);
        this.encoder = new ValueEncoder(mapper, enums);
        this.untyped = new UntypedDecoder(mapper);
        this.typed = new TypedDecoder(mapper, enums, untyped);
        this.records = new RecordFields(mapper);
        this.quotesStringsDirectly = listElementThroughJackson(STRING_PROBE).equals(PythonJson.quote(STRING_PROBE));
    }

    /** Return the shared codec built on a default {@link JsonMapper}. */
    public static RedisValueCodec defaults() {
        return DEFAULTS;
    }

    /**
     * Create a codec on a copy of {@code mapper}, keeping its modules and settings except the ones the wire
     * format needs (listed in the class description). The given mapper is not changed.
     *
     * @throws NullPointerException if {@code mapper} is null
     */
    public static RedisValueCodec using(JsonMapper mapper) {
        return new RedisValueCodec(Objects.requireNonNull(mapper, "mapper"));
    }

    /** Return the mapper this codec reads and writes JSON with (the rebuilt copy, itself immutable). */
    public JsonMapper mapper() {
        return mapper;
    }

    /**
     * Encode one value as the original stores it.
     *
     * @throws CodecException if Jackson cannot serialize the value; the message names its type
     */
    public String encode(@Nullable Object value) {
        return encoder.encode(value);
    }

    /**
     * Encode {@code value} as one element of a JSON array, exactly as it appears inside the original's
     * {@code json.dumps(list)} (plain-JSON rules: booleans stay {@code true}/{@code false}, strings are quoted).
     * Used by server-side list appends, which splice the element into the stored array text.
     *
     * @throws io.symphony.redis.CodecException if the value cannot be written as JSON
     */
    public String encodeListElement(@Nullable Object value) {
        if (value instanceof String text && quotesStringsDirectly) {
            return PythonJson.quote(text);
        }
        return listElementThroughJackson(value);
    }

    private String listElementThroughJackson(@Nullable Object value) {
        String array = encode(java.util.Collections.singletonList(value));
        return array.substring(1, array.length() - 1);
    }

    /**
     * Encode every value of a hash, keeping the field names and their order. Null values are stored as
     * {@code null}, as the original stores Python's {@code None}.
     *
     * @throws NullPointerException if the map or a field name is null
     * @throws CodecException if a value cannot be encoded; {@link CodecException#field()} names the field
     */
    public Map<String, String> encodeHash(Map<String, ?> values) {
        Map<String, String> encoded = new LinkedHashMap<>(capacity(values.size()));
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            String field = Objects.requireNonNull(entry.getKey(), "hash field names must not be null");
            try {
                encoded.put(field, encoder.encode(entry.getValue()));
            } catch (CodecException e) {
                throw new FieldCodecException(field, e);
            }
        }
        return encoded;
    }

    /**
     * Decode without a type, with the original's rules (see the class description): null, booleans for
     * {@code 1}/{@code 0}, JSON when the text parses as JSON, the text itself otherwise. Never fails.
     */
    public @Nullable Object decode(@Nullable String raw) {
        return untyped.decode(raw);
    }

    /**
     * Decode into {@code type} without guessing (see the class description).
     *
     * @return the value, or null when {@code raw} is null or, for a non-{@code String} target, {@code null}
     * @throws CodecException if the text cannot be read as {@code type}, or is null for a primitive type
     */
    public <T> @Nullable T decode(@Nullable String raw, Class<T> type) {
        return cast(typed.decode(raw, javaType(Objects.requireNonNull(type, "type"))));
    }

    /**
     * Decode into the generic type of {@code type}, for example {@code List<Order>}.
     *
     * @return the value, or null when {@code raw} is null or {@code null}
     * @throws CodecException if the text cannot be read as the type
     */
    public <T> @Nullable T decode(@Nullable String raw, TypeReference<T> type) {
        return cast(typed.decode(raw, javaType(Objects.requireNonNull(type, "type").getType())));
    }

    /**
     * Decode into a type built with Jackson's {@code TypeFactory}.
     *
     * @return the value, or null when {@code raw} is null or, for a non-{@code String} target, {@code null}
     * @throws CodecException if the text cannot be read as the type
     */
    public <T> @Nullable T decode(@Nullable String raw, JavaType type) {
        return cast(typed.decode(raw, Objects.requireNonNull(type, "type")));
    }

    /**
     * Decode a hash: the fields named in {@code types} with their type, the others untyped. Values may be null
     * (a stored {@code null}, Python's {@code None}); the field order of {@code raw} is kept.
     *
     * @throws CodecException if a typed field cannot be decoded; {@link CodecException#field()} names it
     */
    public Map<String, @Nullable Object> decodeHash(Map<String, String> raw, FieldTypes types) {
        Objects.requireNonNull(types, "types");
        Map<String, @Nullable Object> decoded = new LinkedHashMap<>(capacity(raw.size()));
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            try {
                decoded.put(entry.getKey(), decodeField(entry.getValue(), types.type(entry.getKey())));
            } catch (CodecException e) {
                throw new FieldCodecException(entry.getKey(), e);
            }
        }
        return decoded;
    }

    /**
     * Decode the hash stored at {@code key}, like {@link #decodeHash(Map, FieldTypes)}, naming the key and field
     * in the failure.
     *
     * @throws CodecException if a typed field cannot be decoded; {@link CodecException#key()} and
     *         {@link CodecException#field()} name where
     */
    public Map<String, @Nullable Object> decodeHash(String key, Map<String, String> raw, FieldTypes types) {
        Objects.requireNonNull(key, "key");
        try {
            return decodeHash(raw, types);
        } catch (FieldCodecException e) {
            throw e.at(key, e.field());
        }
    }

    /**
     * Encode a whole record or POJO as the fields of a hash: one field per property, named and ordered as Jackson
     * names and orders its JSON properties ({@code @JsonProperty} renames and {@code @JsonIgnore} apply), each value
     * encoded exactly as {@link #encodeHash(Map)} encodes it. The result is byte for byte what
     * {@code encodeHash(Map.of(...))} gives for the same values, which is what the original's
     * {@code dumps_hash(model.model_dump())} stores: {@code Cart(quantity=1, sku="A-1", gift=true)} becomes
     * {@code quantity=1}, {@code sku=A-1}, {@code gift=1}; nested records become model-style JSON, maps and lists
     * plain JSON.
     *
     * <p>A null property is stored as {@code null}, as the original stores {@code None}, so a typed read gives it
     * back as null; a property annotated (or a class, or the mapper, configured) with {@code @JsonInclude} of
     * {@code NON_NULL} or stricter is left out when null instead, which leaves the stored field as it was. Only the
     * null part of the inclusion rule is applied. Property-level {@code @JsonSerialize} is not applied to the top
     * level of a field, whose format is the codec's.
     *
     * @return the encoded fields in property order; empty only if every property is a skipped null
     * @throws NullPointerException if {@code record} is null
     * @throws IllegalArgumentException if {@code record} is not a record or POJO (a JDK type such as a
     *     {@code String}, number, {@code java.time} value, map, collection or array, an enum, or a class with no
     *     property Jackson can both write and read)
     * @throws CodecException if a property cannot be read or encoded; {@link CodecException#field()} names it
     * @since 0.1
     */
    public Map<String, String> encodeRecord(Object record) {
        return encodeHash(records.values(Objects.requireNonNull(record, "record")));
    }

    /**
     * Decode the hash stored at {@code key} into a record or POJO of class {@code type}, each field typed by the
     * declared generic type of its property, never guessing: an {@code int} field stored as {@code 1} is 1 (the
     * untyped rule would give {@code true}), a {@code String} holding {@code "1"} stays {@code "1"}, and nested
     * records, lists and maps are read as {@link #decode(String, JavaType)} reads them. Jackson then builds the
     * instance from the decoded values, through the record's canonical constructor, a {@code @JsonCreator} or
     * setters, with the same property names {@link #encodeRecord(Object)} writes.
     *
     * <p>Fields the type does not know are ignored (the original's merge adds {@code handler_type} and
     * {@code timestamp}, other writers may add more). A property without a field, or stored as {@code null}, is
     * null; for a primitive property that is an error, since no value can stand for it. A {@code String} property
     * stored as the text {@code null} is null too (unlike {@link #decode(String, Class)}), because that is how
     * {@link #encodeRecord(Object)} stores a null, as the original stores {@code None}; a string that is literally
     * {@code "null"} cannot be told apart, as in the original.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code type} is not a record or POJO (see {@link #encodeRecord(Object)})
     * @throws CodecException naming {@code key} and the field when a field cannot be decoded as its property's
     *     type or a primitive property has no field; naming {@code key} and the type when the instance cannot be
     *     built from the decoded values (a constructor that rejects them, for example)
     * @since 0.1
     */
    public <T> T decodeRecord(String key, Map<String, String> raw, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(raw, "raw");
        return records.decode(key, raw, Objects.requireNonNull(type, "type"), this);
    }

    /**
     * Return the {@link FieldTypes} of a record or POJO class: each property Jackson reads, by field name, typed by
     * its declared generic type. {@code decodeHash(raw, recordFieldTypes(Cart.class))} reads a hash as a map typed
     * like {@code Cart}, the way {@link #decodeRecord} reads each field before building the instance.
     *
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalArgumentException if {@code type} is not a record or POJO (see {@link #encodeRecord(Object)})
     * @since 0.1
     */
    public FieldTypes recordFieldTypes(Class<?> type) {
        return records.shape(Objects.requireNonNull(type, "type")).fieldTypes();
    }

    private @Nullable Object decodeField(String raw, @Nullable Type type) {
        return type == null ? untyped.decode(raw) : typed.decode(raw, javaType(type));
    }

    private JavaType javaType(Type type) {
        JavaType known = javaTypes.get(type);
        if (known == null) {
            known = mapper.constructType(type);
            if (javaTypes.size() < MAX_CACHED_TYPES) { // an application decodes a bounded set of types
                javaTypes.putIfAbsent(type, known);
            }
        }
        return known;
    }

    private static int capacity(int size) {
        return (int) Math.ceil(size / 0.75);
    }

    @SuppressWarnings("unchecked")
    private static <T> @Nullable T cast(@Nullable Object value) {
        return (T) value;
    }
}
