package io.symphony.redis.codec;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one Java value into the string the original's {@code serde.dumps} stores, checking types in the
 * original's order: null, boolean, number, text, date-time, enum, then JSON (plain for maps, collections and
 * arrays; model style, with booleans as {@code "1"}/{@code "0"}, for everything else). Whatever Jackson
 * serializes as a scalar ({@code UUID}, {@code Duration}, {@code byte[]} as Base64) is stored raw.
 */
final class ValueEncoder {

    private final PythonJsonWriter json;
    private final EnumValues enums;

    ValueEncoder(JsonMapper mapper, EnumValues enums) {
        this.json = new PythonJsonWriter(mapper);
        this.enums = enums;
    }

    String encode(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        String scalar = scalar(value);
        if (scalar != null) {
            return scalar;
        }
        try {
            if (value instanceof Enum) {
                return enums.encode((Enum<?>) value);
            }
            boolean plain = value instanceof Map || value instanceof Collection || value.getClass().isArray();
            return json.write(value, !plain);
        } catch (JacksonException | IllegalArgumentException e) {
            throw CodecFailures.encode(value, e);
        }
    }

    private static @Nullable String scalar(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value ? "1" : "0";
        }
        if (value instanceof AtomicBoolean) {
            return ((AtomicBoolean) value).get() ? "1" : "0";
        }
        if (value instanceof Number) {
            return number((Number) value);
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        return PythonTime.format(value);
    }

    /**
     * Print a number as Python's {@code str()} would: floats as Python repr, decimals as {@code Decimal.__str__}
     * (which {@link BigDecimal#toString()} matches, scientific form included), integers in full.
     */
    static String number(Number value) {
        if (value instanceof Double || value instanceof DoubleAdder || value instanceof DoubleAccumulator) {
            return PythonFloatFormat.repr(value.doubleValue());
        }
        if (value instanceof Float) {
            return PythonFloatFormat.repr(PythonJson.widen(value.floatValue()));
        }
        return value.toString();
    }

    /**
     * Print the Jackson serialization of a top-level value: a scalar as Python's {@code str()} of it (strings
     * raw, booleans {@code 1}/{@code 0}), an object or array as model-style JSON.
     */
    static String topLevel(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING:
                return node.stringValue();
            case NUMBER:
                return node.isFloatingPointNumber() && !node.isBigDecimal()
                        ? PythonFloatFormat.repr(node.isFloat() ? PythonJson.widen(node.floatValue())
                                : node.doubleValue())
                        : PythonJson.number(node);
            case BOOLEAN:
                return node.booleanValue() ? "1" : "0";
            case NULL:
            case MISSING:
                return "null";
            case BINARY:
                return Base64.getEncoder().encodeToString(node.binaryValue());
            default:
                return PythonJson.write(node, true);
        }
    }
}
