package io.symphony.redis.codec;

import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@code java.time} value inside JSON as the same Python {@code isoformat()} string the codec stores for
 * a top-level value, so nested and top-level values read back the same way. Works as a value serializer and as a
 * map key serializer.
 */
final class PythonTimeSerializer extends StdSerializer<Object> {

    private final boolean key;

    PythonTimeSerializer(Class<?> type, boolean key) {
        super(type);
        this.key = key;
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializationContext context)
            throws JacksonException {
        String text = Objects.requireNonNull(PythonTime.format(value), "not a supported java.time type");
        if (key) {
            generator.writeName(text);
        } else {
            generator.writeString(text);
        }
    }
}
