package io.symphony.redis.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a stored string without a target type, with the original's {@code serde.loads} rules.
 *
 * <ol>
 *   <li>{@code null} (or no value) reads as null; {@code 1} and {@code 0} read as {@code TRUE}/{@code FALSE}.</li>
 *   <li>Otherwise the text is parsed as JSON the way Python's {@code json.loads} parses it: surrounding
 *       whitespace, {@code NaN}, {@code Infinity} and {@code -Infinity} are accepted; integers become
 *       {@code Integer}, {@code Long} or {@code BigInteger} by size, other numbers {@code Double}, objects
 *       {@code LinkedHashMap}, arrays {@code ArrayList}.</li>
 *   <li>Text that is not JSON in Python's grammar ({@code 01234}, the empty string, {@code nan}, {@code inf},
 *       {@code +Infinity}) is returned unchanged.</li>
 * </ol>
 */
final class UntypedDecoder {

    private final JsonMapper mapper;

    UntypedDecoder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Nullable Object decode(@Nullable String raw) {
        if (raw == null || "null".equals(raw)) {
            return null;
        }
        if ("1".equals(raw)) {
            return Boolean.TRUE;
        }
        if ("0".equals(raw)) {
            return Boolean.FALSE;
        }
        if (!mayBeJson(raw)) {
            return raw;
        }
        try (JsonParser parser = mapper.createParser(raw)) {
            parser.nextToken();
            Object value = value(parser);
            return parser.nextToken() == null ? value : raw;
        } catch (JacksonException | NotPythonJson e) {
            return raw;
        }
    }

    /**
     * Skip the parser (and the exception it throws) for text that cannot be a JSON value, the common plain string:
     * anything not opening an object, array or string must be, whitespace aside, exactly a literal or a number in
     * Python's grammar. A timestamp ({@code 2026-12-07T10:00:00}) or a word ({@code tenant}) thus never reaches
     * the parser, which would fail on it only after building an exception.
     */
    static boolean mayBeJson(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isJsonSpace(raw.charAt(start))) {
            start++;
        }
        while (end > start && isJsonSpace(raw.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return false;
        }
        char c = raw.charAt(start);
        if (c == '{' || c == '[' || c == '"') {
            return true;
        }
        String text = raw.substring(start, end);
        return text.equals("true") || text.equals("false") || text.equals("null") || text.equals("NaN")
                || text.equals("Infinity") || text.equals("-Infinity") || isJsonNumber(text);
    }

    private static boolean isJsonSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, the grammar of JSON and Python's json. */
    private static boolean isJsonNumber(String text) {
        int n = text.length();
        int i = text.charAt(0) == '-' ? 1 : 0;
        if (i >= n || !isDigit(text.charAt(i))) {
            return false;
        }
        i = text.charAt(i) == '0' ? i + 1 : digitsEnd(text, i);
        if (i < n && text.charAt(i) == '.') {
            int fraction = digitsEnd(text, i + 1);
            if (fraction == i + 1) {
                return false;
            }
            i = fraction;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int sign = i + 1 < n && (text.charAt(i + 1) == '+' || text.charAt(i + 1) == '-') ? i + 2 : i + 1;
            int exponent = digitsEnd(text, sign);
            if (exponent == sign) {
                return false;
            }
            i = exponent;
        }
        return i == n;
    }

    /** The index after the run of digits starting at {@code from}. */
    private static int digitsEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static @Nullable Object value(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new NotPythonJson();
        }
        switch (token) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                return array(parser);
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return floating(parser);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new NotPythonJson();
        }
    }

    private static Map<String, @Nullable Object> object(JsonParser parser) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            map.put(name, value(parser));
        }
        return map;
    }

    private static List<@Nullable Object> array(JsonParser parser) {
        List<@Nullable Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(parser));
        }
        return list;
    }

    /**
     * Read a float as a {@code Double}. Jackson also accepts {@code +Infinity}, {@code INF} and similar spellings
     * that Python rejects; only {@code NaN}, {@code Infinity}, {@code -Infinity} and overflowing literals such as
     * {@code 1e400} may produce a non-finite value here.
     */
    private static Double floating(JsonParser parser) {
        double value = parser.getDoubleValue();
        if (Double.isFinite(value)) {
            return value;
        }
        String text = parser.getString();
        boolean literal = !text.isEmpty() && (Character.isDigit(text.charAt(0))
                || (text.length() > 1 && text.charAt(0) == '-' && Character.isDigit(text.charAt(1))));
        if (literal || "NaN".equals(text) || "Infinity".equals(text) || "-Infinity".equals(text)) {
            return value;
        }
        throw new NotPythonJson();
    }

    /** The text parsed as JSON for Jackson, but Python's {@code json.loads} would have rejected it. */
    private static final class NotPythonJson extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotPythonJson() {
            super(null, null, false, false);
        }
    }
}
