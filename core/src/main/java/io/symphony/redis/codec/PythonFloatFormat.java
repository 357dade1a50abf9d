package io.symphony.redis.codec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Formats doubles exactly like CPython's {@code repr(float)} (which is also {@code str(float)}), and like the
 * float output of {@code json.dumps}.
 *
 * <p>CPython prints the shortest decimal that reads back as the same double, choosing the one closest to the
 * exact binary value when several have that length. It switches to scientific notation when the decimal exponent
 * is below -4 or at least 16, and writes the exponent with a sign and at least two digits ({@code 1e+20},
 * {@code 1e-07}). {@link Double#toString(double)} on Java 17 neither always yields the shortest digits nor uses
 * that layout, so the digits are searched here: starting at the length of its answer (which always reads back),
 * drop one digit at a time while a decimal of that length still reads back, then take the one of that length
 * nearest to the exact binary value.
 */
final class PythonFloatFormat {

    private static final int MAX_FIXED_EXPONENT = 16;
    private static final int MIN_FIXED_EXPONENT = -4;
    private static final double FIXED_INTEGER_LIMIT = 1e16;

    private PythonFloatFormat() {
    }

    /** Format as Python's {@code str(float)}: {@code nan}, {@code inf}, {@code -inf} for the special values. */
    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return finite(value);
    }

    /** Format as {@code json.dumps} writes a float: {@code NaN}, {@code Infinity}, {@code -Infinity} for specials. */
    static String json(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return finite(value);
    }

    private static String finite(double value) {
        boolean negative = (Double.doubleToRawLongBits(value) & Long.MIN_VALUE) != 0;
        double magnitude = Math.abs(value);
        String body;
        if (magnitude < FIXED_INTEGER_LIMIT && magnitude == Math.floor(magnitude)) {
            // Whole numbers below 1e16 print as their digits plus ".0": no shorter decimal reads back to them.
            body = Long.toString((long) magnitude) + ".0";
        } else {
            body = layout(shortest(magnitude));
        }
        return negative ? "-" + body : body;
    }

    /**
     * Find the shortest decimal (stripped of trailing zeros) that parses back to {@code magnitude}, nearest to its
     * exact value. The length is found on Java's digits, which are cheap; only the final choice needs the exact
     * binary value, which is long for very large or very small numbers.
     */
    static BigDecimal shortest(double magnitude) {
        BigDecimal approximate = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        int digits = approximate.precision();
        while (digits > 1 && anyReadsBack(approximate, magnitude, digits - 1)) {
            digits--;
        }
        return Objects.requireNonNull(closestReadingBack(new BigDecimal(magnitude), magnitude, digits));
    }

    /**
     * Tell whether some decimal of {@code digits} significant digits parses back to {@code magnitude}. The set of
     * decimals that parse back is an interval holding both {@code near} and the exact value, so if it holds a
     * decimal of that length, it holds one of the two neighbours of {@code near} of that length.
     */
    private static boolean anyReadsBack(BigDecimal near, double magnitude, int digits) {
        return readsBack(roundTo(near, digits, RoundingMode.FLOOR), magnitude)
                || readsBack(roundTo(near, digits, RoundingMode.CEILING), magnitude);
    }

    /**
     * Return the {@code digits}-digit decimal nearest to {@code exact} that parses back to {@code magnitude}, or
     * null if neither neighbour of {@code exact} of that length does.
     */
    private static @Nullable BigDecimal closestReadingBack(BigDecimal exact, double magnitude, int digits) {
        BigDecimal down = roundTo(exact, digits, RoundingMode.FLOOR);
        BigDecimal up = roundTo(exact, digits, RoundingMode.CEILING);
        boolean downOk = readsBack(down, magnitude);
        boolean upOk = readsBack(up, magnitude);
        if (downOk && upOk) {
            return roundTo(exact, digits, RoundingMode.HALF_EVEN);
        }
        if (downOk) {
            return down;
        }
        return upOk ? up : null;
    }

    private static BigDecimal roundTo(BigDecimal exact, int digits, RoundingMode mode) {
        int scale = digits - (exact.precision() - exact.scale());
        return exact.setScale(scale, mode).stripTrailingZeros();
    }

    private static boolean readsBack(BigDecimal candidate, double magnitude) {
        return Double.parseDouble(candidate.toString()) == magnitude;
    }

    /** Lay out positive significant digits the way CPython's {@code float_repr_style = 'short'} does. */
    private static String layout(BigDecimal decimal) {
        String digits = decimal.unscaledValue().toString();
        int pointPosition = digits.length() - decimal.scale();
        int exponent = pointPosition - 1;
        if (exponent < MIN_FIXED_EXPONENT || exponent >= MAX_FIXED_EXPONENT) {
            return scientific(digits, exponent);
        }
        return fixed(digits, pointPosition);
    }

    private static String scientific(String digits, int exponent) {
        StringBuilder out = new StringBuilder(digits.length() + 6).append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int absolute = Math.abs(exponent);
        if (absolute < 10) {
            out.append('0');
        }
        return out.append(absolute).toString();
    }

    private static String fixed(String digits, int pointPosition) {
        if (pointPosition <= 0) {
            return "0." + "0".repeat(-pointPosition) + digits;
        }
        if (pointPosition < digits.length()) {
            return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
        }
        return digits + "0".repeat(pointPosition - digits.length()) + ".0";
    }
}
