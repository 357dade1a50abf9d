package io.symphony.redis.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Formats {@code java.time} values like Python's {@code isoformat()}.
 *
 * <p>Python keeps microseconds: the fraction is written only when the microseconds are non-zero, and then with
 * exactly six digits ({@code 03:04:05.730729}); nanoseconds below a microsecond are truncated. An offset is always
 * written as {@code +HH:MM} (seconds only when non-zero), UTC included: {@code +00:00}, never {@code Z}. Zoned
 * values keep only their offset, as a Python aware datetime does. Years outside 0000-9999, which Python cannot
 * represent, fall back to the ISO form with a sign.
 */
final class PythonTime {

    private static final int NANOS_PER_MICRO = 1_000;

    private PythonTime() {
    }

    /** Format {@code value} if it is one of the supported types, otherwise return null. */
    static @Nullable String format(Object value) {
        if (value instanceof LocalDateTime) {
            return dateTime((LocalDateTime) value);
        }
        if (value instanceof OffsetDateTime) {
            return offsetDateTime((OffsetDateTime) value);
        }
        if (value instanceof ZonedDateTime) {
            return offsetDateTime(((ZonedDateTime) value).toOffsetDateTime());
        }
        if (value instanceof Instant) {
            return offsetDateTime(((Instant) value).atOffset(ZoneOffset.UTC));
        }
        if (value instanceof LocalDate) {
            return date((LocalDate) value);
        }
        if (value instanceof LocalTime) {
            return time((LocalTime) value);
        }
        if (value instanceof OffsetTime) {
            OffsetTime offsetTime = (OffsetTime) value;
            return time(offsetTime.toLocalTime()) + offset(offsetTime.getOffset());
        }
        return null;
    }

    static String dateTime(LocalDateTime value) {
        return date(value.toLocalDate()) + 'T' + time(value.toLocalTime());
    }

    static String offsetDateTime(OffsetDateTime value) {
        return dateTime(value.toLocalDateTime()) + offset(value.getOffset());
    }

    static String date(LocalDate value) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return value.toString();
        }
        StringBuilder out = new StringBuilder(10);
        pad(out, year, 4).append('-');
        pad(out, value.getMonthValue(), 2).append('-');
        return pad(out, value.getDayOfMonth(), 2).toString();
    }

    static String time(LocalTime value) {
        StringBuilder out = new StringBuilder(15);
        pad(out, value.getHour(), 2).append(':');
        pad(out, value.getMinute(), 2).append(':');
        pad(out, value.getSecond(), 2);
        int micros = value.getNano() / NANOS_PER_MICRO;
        if (micros != 0) {
            pad(out.append('.'), micros, 6);
        }
        return out.toString();
    }

    static String offset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
