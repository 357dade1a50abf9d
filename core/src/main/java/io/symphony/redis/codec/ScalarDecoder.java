package io.symphony.redis.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the stored text of a top-level scalar into a known target type, without JSON and without guessing.
 *
 * <p>Booleans read {@code 1}/{@code 0}/{@code true}/{@code false}/{@code True}/{@code False}; integers read
 * decimal text; floats read decimal text and Python's {@code nan}/{@code inf}/{@code -inf} as well as
 * JSON's {@code NaN}/{@code Infinity}/{@code -Infinity}; date-times read the Python {@code isoformat()} forms
 * (any fraction length, {@code Z} or an offset). A parser throws a runtime exception on bad input.
 */
final class ScalarDecoder {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Map<Class<?>, Function<String, Object>> PARSERS = parsers();

    private ScalarDecoder() {
    }

    /** Return the parser for {@code type}, or null when the type is not a scalar this class knows. */
    static @Nullable Function<String, Object> parser(Class<?> type) {
        return PARSERS.get(type);
    }

    private static Map<Class<?>, Function<String, Object>> parsers() {
        Map<Class<?>, Function<String, Object>> parsers = new HashMap<>();
        parsers.put(String.class, raw -> raw);
        parsers.put(CharSequence.class, raw -> raw);
        both(parsers, Boolean.class, boolean.class, ScalarDecoder::bool);
        both(parsers, Character.class, char.class, ScalarDecoder::character);
        both(parsers, Byte.class, byte.class, Byte::valueOf);
        both(parsers, Short.class, short.class, Short::valueOf);
        both(parsers, Integer.class, int.class, Integer::valueOf);
        both(parsers, Long.class, long.class, Long::valueOf);
        both(parsers, Double.class, double.class, ScalarDecoder::pythonFloat);
        both(parsers, Float.class, float.class, ScalarDecoder::pythonFloat32);
        parsers.put(BigInteger.class, BigInteger::new);
        parsers.put(BigDecimal.class, BigDecimal::new);
        parsers.put(LocalDateTime.class, LocalDateTime::parse);
        parsers.put(OffsetDateTime.class, OffsetDateTime::parse);
        parsers.put(ZonedDateTime.class, ZonedDateTime::parse);
        parsers.put(Instant.class, raw -> OffsetDateTime.parse(raw).toInstant());
        parsers.put(LocalDate.class, LocalDate::parse);
        parsers.put(LocalTime.class, LocalTime::parse);
        parsers.put(OffsetTime.class, OffsetTime::parse);
        return Map.copyOf(parsers);
    }

    private static void both(Map<Class<?>, Function<String, Object>> parsers, Class<?> boxed, Class<?> primitive,
            Function<String, Object> parser) {
        parsers.put(boxed, parser);
        parsers.put(primitive, parser);
    }

    static Boolean bool(String raw) {
        switch (raw) {
            case "1":
            case "true":
            case "True":
                return Boolean.TRUE;
            case "0":
            case "false":
            case "False":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not 1, 0, true or false");
        }
    }

    private static Character character(String raw) {
        if (raw.length() != 1) {
            throw new IllegalArgumentException("not a single character");
        }
        return raw.charAt(0);
    }

    /** Parse a float as Python's {@code float()} does for the forms the codec and JSON write. */
    static Double pythonFloat(String raw) {
        Double special = special(raw);
        if (special != null) {
            return special;
        }
        if (!DECIMAL.matcher(raw).matches()) {
            throw new NumberFormatException("not a decimal number");
        }
        return Double.valueOf(raw);
    }

    private static Float pythonFloat32(String raw) {
        Double special = special(raw);
        if (special != null) {
            return special.floatValue();
        }
        if (!DECIMAL.matcher(raw).matches()) {
            throw new NumberFormatException("not a decimal number");
        }
        float value = Float.parseFloat(raw);
        if (Float.isInfinite(value)) {
            throw new NumberFormatException("out of the range of a float");
        }
        return value;
    }

    private static @Nullable Double special(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String unsigned = negative || lower.startsWith("+") ? lower.substring(1) : lower;
        if ("nan".equals(unsigned)) {
            return Double.NaN;
        }
        if ("inf".equals(unsigned) || "infinity".equals(unsigned)) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }
}
