package io.symphony.redis.codec;

import io.symphony.redis.CodecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a whole record or POJO to the fields of a hash and back, one property per field, reusing the codec's value
 * rules for each field: writing a record gives exactly the fields {@link RedisValueCodec#encodeHash} gives for a
 * map of its property values, and reading decodes each field typed by the property's declared generic type
 * ({@code int quantity} stored as {@code 1} is 1, never {@code true}), then lets Jackson build the instance, so
 * creators, records and setters work as they do for JSON.
 *
 * <p>Shapes are introspected once per class and codec ({@link ClassValue}, so classes can still be unloaded).
 */
final class RecordFields {

    /** How a null is stored; a record's {@code String} property reads it back as null, not as the text. */
    private static final String NULL = "null";

    private final JsonMapper mapper;
    private final ClassValue<RecordShape> shapes = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(mapper, type);
        }
    };

    RecordFields(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Return the shape of {@code type}, introspecting it on first use. */
    RecordShape shape(Class<?> type) {
        return shapes.get(type);
    }

    /**
     * The property values of {@code record} by field name, in property order; a null value is kept (and stored as
     * {@code null}) unless the property's {@code @JsonInclude} leaves nulls out.
     */
    Map<String, @Nullable Object> values(Object record) {
        RecordShape shape = shapes.get(record.getClass());
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        for (RecordShape.Written property : shape.written()) {
            @Nullable Object value = read(record, property);
            if (value != null || !property.skipNull()) {
                values.put(property.field(), value);
            }
        }
        return values;
    }

    /**
     * Decode the fields of {@code raw} that {@code type} reads, each typed, and build the instance; fields the type
     * does not know are ignored (the original and other writers may add some). A stored {@code null} is null for
     * every non-primitive property, {@code String} included, so that a record written with a null reads back equal
     * (the plain typed {@code String} read keeps the text {@code null} instead).
     *
     * @throws IllegalArgumentException if {@code type} is not a record or POJO
     * @throws CodecException naming key and field if a field cannot be decoded or a primitive property has no
     *     field; naming the key if Jackson cannot build the instance from the decoded values
     */
    <T> T decode(String key, Map<String, String> raw, Class<T> type, RedisValueCodec codec) {
        RecordShape shape = shapes.get(type);
        Map<String, String> known = new LinkedHashMap<>();
        List<String> nulls = new ArrayList<>();
        shape.read().forEach((field, fieldType) -> {
            @Nullable String value = raw.get(field);
            if (value == null && fieldType.isPrimitive()) {
                throw missing(fieldType).at(key, field);
            }
            if (NULL.equals(value) && !fieldType.isPrimitive()) {
                nulls.add(field);
            } else if (value != null) {
                known.put(field, value);
            }
        });
        Map<String, @Nullable Object> values = new LinkedHashMap<>(codec.decodeHash(key, known, shape.fieldTypes()));
        nulls.forEach(field -> values.put(field, null));
        return type.cast(build(key, shape, values));
    }

    private Object build(String key, RecordShape shape, Map<String, @Nullable Object> values) {
        try {
            return Objects.requireNonNull(mapper.convertValue(values, shape.type()), "converted record");
        } catch (JacksonException | IllegalArgumentException e) {
            throw new CodecException("Cannot build " + CodecFailures.name(shape.type()) + " from the fields "
                    + values.keySet() + ": " + firstLine(e), e).at(key, null);
        }
    }

    private static @Nullable Object read(Object record, RecordShape.Written property) {
        try {
            return property.accessor().getValue(record);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new FieldCodecException(property.field(), CodecFailures.encode(record, e));
        }
    }

    private static String firstLine(RuntimeException e) {
        String message = e instanceof JacksonException ? ((JacksonException) e).getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static CodecException missing(JavaType type) {
        return new CodecException("the field is missing, and a primitive " + CodecFailures.name(type)
                + " property cannot be null; make it a wrapper type to allow a missing field", null);
    }
}
