package io.symphony.redis.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatFormatUnitTests {

    @ParameterizedTest(name = "{displayName}: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "30.0 | 30.0",
        "0.5 | 0.5",
        "1e20 | 1e+20",
        "1e-7 | 1e-07",
        "1.5e16 | 1.5e+16",
        "123456789012345.0 | 123456789012345.0",
        "1e16 | 1e+16",
        "1e15 | 1000000000000000.0",
        "9999999999999998.0 | 9999999999999998.0",
        "0.0001 | 0.0001",
        "0.00001 | 1e-05",
        "0.1 | 0.1",
        "0.30000000000000004 | 0.30000000000000004",
        "100.0 | 100.0",
        "1e22 | 1e+22",
        "1e23 | 1e+23",
        "2e23 | 2e+23",
        "4.9e-324 | 5e-324",
        "1.7976931348623157e308 | 1.7976931348623157e+308",
        "2.2250738585072014e-308 | 2.2250738585072014e-308",
        "-2.5 | -2.5",
        "-1e-100 | -1e-100",
        "0.0 | 0.0",
        "-0.0 | -0.0",
    })
    void repr_matchesCPython(double value, String expected) {
        assertThat(PythonFloatFormat.repr(value)).isEqualTo(expected);
    }

    @Test
    void repr_specialValues() {
        assertThat(PythonFloatFormat.repr(Double.NaN)).isEqualTo("nan");
        assertThat(PythonFloatFormat.repr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PythonFloatFormat.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void json_specialValuesAsPythonJsonDumps() {
        assertThat(PythonFloatFormat.json(Double.NaN)).isEqualTo("NaN");
        assertThat(PythonFloatFormat.json(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(PythonFloatFormat.json(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(PythonFloatFormat.json(1e20)).isEqualTo("1e+20");
        assertThat(PythonFloatFormat.json(-0.0)).isEqualTo("-0.0");
    }

    /** Thousands of doubles (random bits, random decimals, powers, subnormals) with CPython's repr of each. */
    @Test
    void repr_matchesCPythonForGeneratedVectors() throws IOException {
        List<String[]> vectors = vectors();
        assertThat(vectors).hasSizeGreaterThan(4000);
        List<String> mismatches = new ArrayList<>();
        for (String[] vector : vectors) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(vector[0], 16));
            String actual = PythonFloatFormat.repr(value);
            if (!actual.equals(vector[1])) {
                mismatches.add(vector[0] + ": expected " + vector[1] + " but was " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void repr_alwaysReadsBackToTheSameDouble() throws IOException {
        for (String[] vector : vectors()) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(vector[0], 16));
            assertThat(Double.parseDouble(PythonFloatFormat.repr(value))).isEqualTo(value);
        }
    }

    /**
     * The digits come from jackson-core's shortest writer: on random bit patterns (normal, subnormal, huge, tiny)
     * they must be the shortest decimal nearest to the exact value, as the slow exact search finds it.
     */
    @Test
    void repr_hasTheShortestNearestDigitsOnRandomDoubles() {
        SplittableRandom random = new SplittableRandom(20261201L);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 20_000 && mismatches.size() < 10; i++) {
            double value = Math.abs(Double.longBitsToDouble(random.nextLong()));
            if (!Double.isFinite(value) || value == 0) {
                continue;
            }
            BigDecimal expected = ExactShortestDecimal.of(value);
            BigDecimal actual = new BigDecimal(PythonFloatFormat.repr(value)).stripTrailingZeros();
            if (expected.compareTo(actual) != 0 || expected.precision() != actual.precision()) {
                mismatches.add(Double.doubleToRawLongBits(value) + ": expected " + expected + " but was " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static List<String[]> vectors() throws IOException {
        List<String[]> vectors = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                PythonFloatFormatUnitTests.class.getResourceAsStream("python-float-repr.txt"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    vectors.add(line.split(" "));
                }
            }
        }
        return vectors;
    }
}
