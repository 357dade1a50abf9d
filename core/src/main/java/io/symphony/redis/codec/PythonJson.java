package io.symphony.redis.codec;

import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * Prints a Jackson tree exactly as Python's {@code json.dumps(value, ensure_ascii=False)} prints the same data
 * (containers through {@link PythonJsonWriter}, which prints values without building a tree), and the scalar
 * helpers the codec shares.
 *
 * <p>Separators are {@code ", "} and {@code ": "}; non-ASCII characters are written raw; only {@code "},
 * {@code \}, the short escapes {@code \n \r \t \b \f} and the other control characters below U+0020 (as
 * <code>&#92;u00XX</code>, lowercase hex) are escaped. Floats use Python's repr with {@code NaN}, {@code Infinity} and
 * {@code -Infinity} for the special values, as Python writes them by default.
 *
 * <p>In <em>model</em> mode every boolean, at any depth, is written as the string {@code "1"} or {@code "0"}: the
 * original converts booleans that way before dumping a pydantic model, while plain dicts and lists keep JSON
 * booleans.
 */
final class PythonJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {
    }

    /** Print {@code node}; with {@code model} set, booleans become the strings {@code "1"} and {@code "0"}. */
    static String write(JsonNode node, boolean model) {
        switch (node.getNodeType()) {
            case OBJECT, ARRAY, POJO -> {
                return PythonJsonWriter.defaults().write(node, model);
            }
            case STRING -> {
                StringBuilder out = new StringBuilder(node.stringValue().length() + 2);
                quote(out, node.stringValue());
                return out.toString();
            }
            case NUMBER -> {
                return number(node);
            }
            case BOOLEAN -> {
                return bool(node.booleanValue(), model);
            }
            case BINARY -> {
                return "\"" + Base64.getEncoder().encodeToString(node.binaryValue()) + "\"";
            }
            case NULL, MISSING -> {
                return "null";
            }
            default -> throw new IllegalArgumentException("Cannot print JSON node of type " + node.getNodeType());
        }
    }

    private static String bool(boolean value, boolean model) {
        if (model) {
            return value ? "\"1\"" : "\"0\"";
        }
        return value ? "true" : "false";
    }

    /** Print a number node as Python prints the equivalent int, float or Decimal. */
    static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.numberValue().toString();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toString();
        }
        if (node.isFloat()) {
            return PythonFloatFormat.json(widen(node.floatValue()));
        }
        return PythonFloatFormat.json(node.doubleValue());
    }

    /**
     * Widen a float to the double its shortest decimal denotes ({@code 0.1f} becomes {@code 0.1}, not
     * {@code 0.10000000149011612}): Python has no 32-bit float, and the decimal is what the author wrote.
     */
    static double widen(float value) {
        return Float.isFinite(value) ? Double.parseDouble(Float.toString(value)) : value;
    }

    /** {@code text} as a JSON string literal with Python's {@code ensure_ascii=False} escaping. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        quote(out, text);
        return out.toString();
    }

    /** Append {@code text} as a JSON string literal with Python's {@code ensure_ascii=False} escaping. */
    static void quote(StringBuilder out, String text) {
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                out.append(c);
            } else {
                escape(out, c);
            }
        }
        out.append('"');
    }

    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
    }
}
