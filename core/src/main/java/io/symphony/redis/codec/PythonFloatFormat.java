package io.symphony.redis.codec;

import tools.jackson.core.io.NumberOutput;

/**
 * Formats doubles exactly like CPython's {@code repr(float)} (which is also {@code str(float)}), and like the
 * float output of {@code json.dumps}.
 *
 * <p>CPython prints the shortest decimal that reads back as the same double, choosing the one closest to the
 * exact binary value when several have that length. It switches to scientific notation when the decimal exponent
 * is below -4 or at least 16, and writes the exponent with a sign and at least two digits ({@code 1e+20},
 * {@code 1e-07}). {@link Double#toString(double)} on Java 17 is not always shortest, so the digits come from
 * jackson-core's shortest round-trip writer ({@link NumberOutput#outputDouble(double, char[], int)}, the XJB
 * algorithm, which like Schubfach and Ryu yields the shortest decimal nearest to the exact value); only the layout
 * is done here. A BigDecimal reference search in the unit tests checks the digits on random doubles, and the
 * 5,015 CPython reprs check the whole output.
 */
final class PythonFloatFormat {

    /** Longest output: sign, 17 digits, point, and either "e-308" or up to 4 leading zeros of a fixed layout. */
    static final int MAX_CHARS = 32;

    private static final int MAX_FIXED_EXPONENT = 16;
    private static final int MIN_FIXED_EXPONENT = -4;
    private static final double FIXED_INTEGER_LIMIT = 1e16;
    private static final int JAVA_DOUBLE_CHARS = 26;

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
        char[] out = new char[MAX_CHARS];
        return new String(out, 0, finite(value, out));
    }

    /** Format as {@code json.dumps} writes a float: {@code NaN}, {@code Infinity}, {@code -Infinity} for specials. */
    static String json(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        char[] out = new char[MAX_CHARS];
        return new String(out, 0, finite(value, out));
    }

    /**
     * Write a finite {@code value} as Python's repr into {@code out} (at least {@link #MAX_CHARS} long) from index
     * 0 and return the length.
     */
    static int finite(double value, char[] out) {
        int pos = 0;
        if ((Double.doubleToRawLongBits(value) & Long.MIN_VALUE) != 0) {
            out[pos++] = '-';
        }
        double magnitude = Math.abs(value);
        if (magnitude < FIXED_INTEGER_LIMIT && magnitude == Math.floor(magnitude)) {
            // Whole numbers below 1e16 print as their digits plus ".0": no shorter decimal reads back to them.
            pos = digits((long) magnitude, out, pos);
            out[pos++] = '.';
            out[pos++] = '0';
            return pos;
        }
        return layout(magnitude, out, pos);
    }

    private static int digits(long whole, char[] out, int pos) {
        if (whole == 0) {
            out[pos] = '0';
            return pos + 1;
        }
        int end = pos + digitCount(whole);
        for (int i = end - 1; i >= pos; i--) {
            out[i] = (char) ('0' + (int) (whole % 10));
            whole /= 10;
        }
        return end;
    }

    private static int digitCount(long whole) {
        int count = 1;
        for (long rest = whole / 10; rest != 0; rest /= 10) {
            count++;
        }
        return count;
    }

    /**
     * Read the significant digits and decimal exponent from Java's layout ({@code 12.34}, {@code 1.234E-5}) of the
     * shortest decimal, then lay them out as CPython's {@code float_repr_style = 'short'} does.
     */
    private static int layout(double magnitude, char[] out, int start) {
        char[] java = new char[JAVA_DOUBLE_CHARS];
        int length = NumberOutput.outputDouble(magnitude, java, 0);
        char[] significand = new char[17];
        int count = 0;
        int pointPosition = 0;
        boolean afterPoint = false;
        int i = 0;
        for (; i < length; i++) {
            char c = java[i];
            if (c == '.') {
                afterPoint = true;
            } else if (c == 'E') {
                break;
            } else if (count == 0 && c == '0') {
                if (afterPoint) {
                    pointPosition--; // a leading zero after the point: 0.00123
                }
            } else {
                significand[count++] = c;
                if (!afterPoint) {
                    pointPosition++;
                }
            }
        }
        if (i < length) {
            pointPosition += Integer.parseInt(new String(java, i + 1, length - i - 1));
        }
        while (count > 1 && significand[count - 1] == '0') {
            count--;
        }
        int exponent = pointPosition - 1;
        if (exponent < MIN_FIXED_EXPONENT || exponent >= MAX_FIXED_EXPONENT) {
            return scientific(significand, count, exponent, out, start);
        }
        return fixed(significand, count, pointPosition, out, start);
    }

    private static int scientific(char[] digits, int count, int exponent, char[] out, int start) {
        int pos = start;
        out[pos++] = digits[0];
        if (count > 1) {
            out[pos++] = '.';
            System.arraycopy(digits, 1, out, pos, count - 1);
            pos += count - 1;
        }
        out[pos++] = 'e';
        out[pos++] = exponent < 0 ? '-' : '+';
        int absolute = Math.abs(exponent);
        if (absolute < 10) {
            out[pos++] = '0';
        }
        return digits(absolute, out, pos);
    }

    private static int fixed(char[] digits, int count, int pointPosition, char[] out, int start) {
        int pos = start;
        if (pointPosition <= 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int z = 0; z < -pointPosition; z++) {
                out[pos++] = '0';
            }
            System.arraycopy(digits, 0, out, pos, count);
            return pos + count;
        }
        if (pointPosition < count) {
            System.arraycopy(digits, 0, out, pos, pointPosition);
            pos += pointPosition;
            out[pos++] = '.';
            System.arraycopy(digits, pointPosition, out, pos, count - pointPosition);
            return pos + count - pointPosition;
        }
        System.arraycopy(digits, 0, out, pos, count);
        pos += count;
        for (int z = count; z < pointPosition; z++) {
            out[pos++] = '0';
        }
        out[pos++] = '.';
        out[pos++] = '0';
        return pos;
    }
}
