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

    /** Skip the parser (and its exception) for text that cannot start a JSON value, the common plain string. */
    static boolean mayBeJson(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9')
                        || c == 't' || c == 'f' || c == 'n' || c == 'N' || c == 'I';
            }
        }
        return false;
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
