package io.symphony.redis.codec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints a value as Python's {@code json.dumps(value, ensure_ascii=False)} prints the same data, straight from
 * Jackson's serializers to the generator (no intermediate tree).
 *
 * <p>Separators are {@code ", "} and {@code ": "}; non-ASCII characters are written raw; only {@code "},
 * {@code \}, the short escapes {@code \n \r \t \b \f} and the other control characters below U+0020 (as
 * <code>&#92;u00XX</code>, lowercase hex) are escaped, and {@code /} is not. Floats use Python's repr with
 * {@code NaN}, {@code Infinity} and {@code -Infinity} for the special values, as Python writes them by default. In
 * <em>model</em> mode every boolean, at any depth, is written as the string {@code "1"} or {@code "0"}, as the
 * original writes pydantic models. A value Jackson serializes as a scalar comes back as Python's {@code str()} of
 * it (a string raw, a boolean {@code 1}/{@code 0}, a float as repr).
 */
final class PythonJsonWriter {

    private static final PythonJsonWriter DEFAULTS = new PythonJsonWriter(JsonMapper.builder().build());

    private final ObjectWriter writer;

    PythonJsonWriter(JsonMapper mapper) {
        this.writer = mapper.writer()
                .with(PythonSeparators.INSTANCE)
                .without(SerializationFeature.INDENT_OUTPUT, SerializationFeature.WRAP_ROOT_VALUE)
                .with(JsonWriteFeature.QUOTE_PROPERTY_NAMES)
                .without(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .without(JsonWriteFeature.ESCAPE_NON_ASCII)
                .without(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .without(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
                .without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
    }

    /** The writer on a default mapper, for values that need no custom serializers (Jackson trees). */
    static PythonJsonWriter defaults() {
        return DEFAULTS;
    }

    /**
     * Print {@code value}; with {@code model} set, booleans become the strings {@code "1"} and {@code "0"}.
     *
     * @throws tools.jackson.core.JacksonException if Jackson cannot serialize the value
     */
    String write(@Nullable Object value, boolean model) {
        TextSink out = new TextSink();
        String rootScalar;
        try (JsonGenerator json = writer.createGenerator(out); PythonGenerator python = new PythonGenerator(json,
                model)) {
            writer.writeValue(python, value);
            rootScalar = python.rootScalar();
        }
        return rootScalar != null ? rootScalar : out.toString();
    }
}
