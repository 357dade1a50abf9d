package io.symphony.redis.codec;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Test reference: the shortest decimal that parses back to a double, nearest to its exact value, found by a slow
 * exact search with {@link BigDecimal} (the algorithm the codec used before it took jackson-core's shortest
 * writer). Only the significant digits and their scale matter, not the layout.
 */
final class ExactShortestDecimal {

    private ExactShortestDecimal() {
    }

    /** The shortest decimal (trailing zeros stripped) reading back to the positive finite {@code magnitude}. */
    static BigDecimal of(double magnitude) {
        BigDecimal approximate = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        int digits = approximate.precision();
        while (digits > 1 && anyReadsBack(approximate, magnitude, digits - 1)) {
            digits--;
        }
        return closestReadingBack(new BigDecimal(magnitude), magnitude, digits);
    }

    private static boolean anyReadsBack(BigDecimal near, double magnitude, int digits) {
        return readsBack(roundTo(near, digits, RoundingMode.FLOOR), magnitude)
                || readsBack(roundTo(near, digits, RoundingMode.CEILING), magnitude);
    }

    private static BigDecimal closestReadingBack(BigDecimal exact, double magnitude, int digits) {
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
        if (upOk) {
            return up;
        }
        throw new AssertionError("no " + digits + "-digit decimal reads back to " + magnitude);
    }

    private static BigDecimal roundTo(BigDecimal exact, int digits, RoundingMode mode) {
        int scale = digits - (exact.precision() - exact.scale());
        return exact.setScale(scale, mode).stripTrailingZeros();
    }

    private static boolean readsBack(BigDecimal candidate, double magnitude) {
        return Double.parseDouble(candidate.toString()) == magnitude;
    }
}
