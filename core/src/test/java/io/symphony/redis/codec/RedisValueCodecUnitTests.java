package io.symphony.redis.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonValue;
import io.symphony.redis.CodecException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Expected strings are the original's output ({@code serde.dumps} on CPython 3.12 with pydantic 2.11), taken from
 * the seed spec or reproduced with CPython.
 */
class RedisValueCodecUnitTests {

    private final RedisValueCodec codec = RedisValueCodec.defaults();

    enum Color { RED, GREEN }

    enum Shade {
        LIGHT("light"), DARK("dark");

        private final String value;

        Shade(String value) {
            this.value = value;
        }

        @JsonValue
        String value() {
            return value;
        }
    }

    enum Level {
        LOW(1), HIGH(3);

        private final int code;

        Level(int code) {
            this.code = code;
        }

        @JsonValue
        int code() {
            return code;
        }
    }

    record User(String name, boolean active, int score, List<String> tags, List<Boolean> flags) { }

    record Line(String sku, int qty, boolean gift) { }

    record Order(String id, List<Line> lines, Map<String, Integer> counts, Map<String, Boolean> options,
            boolean paid, Shade shade, Level level, LocalDateTime at, OffsetDateTime confirmed, Instant seen,
            @Nullable String note) { }

    record Labelled(String label, boolean on) { }

    record Wrapper(Object any) { }

    record Switches(boolean[] on) { }

    /** Jackson cannot serialize it: its only property throws. */
    static final class Exploding {
        public String getBoom() {
            throw new IllegalStateException("boom");
        }
    }

    /** A bean without a creator, so Jackson's property order depends on the sorting setting. */
    static final class Bean {
        public String zeta = "z";
        public boolean alpha = true;
    }

    private static Order order() {
        return new Order("o:1", List.of(new Line("s-1", 2, true), new Line("s-2", 1, false)),
                new LinkedHashMap<>(Map.of("a", 1)), Map.of("fast", true), true, Shade.DARK, Level.HIGH,
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 730_729_000),
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                Instant.parse("2024-01-02T03:04:05Z"), null);
    }

    @Nested
    class EncodeScalars {

        @Test
        void nullAndBooleans() {
            assertThat(codec.encode(null)).isEqualTo("null");
            assertThat(codec.encode(true)).isEqualTo("1");
            assertThat(codec.encode(false)).isEqualTo("0");
            assertThat(codec.encode(new AtomicBoolean(true))).isEqualTo("1");
        }

        @Test
        void integers() {
            assertThat(codec.encode(30)).isEqualTo("30");
            assertThat(codec.encode(-7L)).isEqualTo("-7");
            assertThat(codec.encode((short) 3)).isEqualTo("3");
            assertThat(codec.encode((byte) -1)).isEqualTo("-1");
            assertThat(codec.encode(new BigInteger("123456789012345678901234567890")))
                    .isEqualTo("123456789012345678901234567890");
            assertThat(codec.encode(new AtomicInteger(5))).isEqualTo("5");
            assertThat(codec.encode(new AtomicLong(6))).isEqualTo("6");
            LongAdder adder = new LongAdder();
            adder.add(9);
            assertThat(codec.encode(adder)).isEqualTo("9");
        }

        @Test
        void floatsAsPythonStr() {
            assertThat(codec.encode(30.0)).isEqualTo("30.0");
            assertThat(codec.encode(0.5)).isEqualTo("0.5");
            assertThat(codec.encode(1e20)).isEqualTo("1e+20");
            assertThat(codec.encode(1e-7)).isEqualTo("1e-07");
            assertThat(codec.encode(1.5e16)).isEqualTo("1.5e+16");
            assertThat(codec.encode(123456789012345.0)).isEqualTo("123456789012345.0");
            assertThat(codec.encode(Double.NaN)).isEqualTo("nan");
            assertThat(codec.encode(Double.POSITIVE_INFINITY)).isEqualTo("inf");
            assertThat(codec.encode(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
            assertThat(codec.encode(-0.0)).isEqualTo("-0.0");
            assertThat(codec.encode(0.1f)).isEqualTo("0.1");
            assertThat(codec.encode(Float.NaN)).isEqualTo("nan");
        }

        @Test
        void decimalsAsPythonDecimalStr() {
            assertThat(codec.encode(new BigDecimal("1.50"))).isEqualTo("1.50");
            assertThat(codec.encode(new BigDecimal("1E+3"))).isEqualTo("1E+3");
            assertThat(codec.encode(new BigDecimal("0.000001"))).isEqualTo("0.000001");
            assertThat(codec.encode(new BigDecimal("0.0000001"))).isEqualTo("1E-7");
        }

        @Test
        void textUnchanged() {
            assertThat(codec.encode("hello")).isEqualTo("hello");
            assertThat(codec.encode("")).isEqualTo("");
            assertThat(codec.encode("{\"a\":1}")).isEqualTo("{\"a\":1}");
            assertThat(codec.encode(new StringBuilder("sb"))).isEqualTo("sb");
            assertThat(codec.encode('x')).isEqualTo("x");
        }

        @Test
        void dateTimesAsPythonIsoformat() {
            assertThat(codec.encode(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02T03:04:05");
            assertThat(codec.encode(LocalDateTime.of(2024, 1, 2, 3, 4, 46, 730_729_000)))
                    .isEqualTo("2024-01-02T03:04:46.730729");
            assertThat(codec.encode(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 730_729_999)))
                    .isEqualTo("2024-01-02T03:04:05.730729");
            assertThat(codec.encode(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500))).isEqualTo("2024-01-02T03:04:05");
            assertThat(codec.encode(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 10_000)))
                    .isEqualTo("2024-01-02T03:04:05.000010");
            assertThat(codec.encode(LocalDateTime.of(5, 1, 2, 0, 0))).isEqualTo("0005-01-02T00:00:00");
        }

        @Test
        void offsetsAsPlusZeroZeroNeverZ() {
            assertThat(codec.encode(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 1_000, ZoneOffset.UTC)))
                    .isEqualTo("2024-01-02T03:04:05.000001+00:00");
            assertThat(codec.encode(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30))))
                    .isEqualTo("2024-01-02T03:04:05+05:30");
            assertThat(codec.encode(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0,
                    ZoneOffset.ofHoursMinutesSeconds(-5, -30, -15)))).isEqualTo("2024-01-02T03:04:05-05:30:15");
            assertThat(codec.encode(ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Paris"))))
                    .isEqualTo("2024-01-02T03:04:05+01:00");
            assertThat(codec.encode(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05+00:00");
        }

        @Test
        void datesAndTimes() {
            assertThat(codec.encode(LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
            assertThat(codec.encode(LocalTime.of(3, 4, 5))).isEqualTo("03:04:05");
            assertThat(codec.encode(LocalTime.of(3, 4, 5, 10_000))).isEqualTo("03:04:05.000010");
            assertThat(codec.encode(OffsetTime.of(3, 4, 5, 0, ZoneOffset.UTC))).isEqualTo("03:04:05+00:00");
        }

        @Test
        void otherJacksonScalarsRaw() {
            assertThat(codec.encode(Duration.ofHours(1))).isEqualTo("PT1H");
            UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
            assertThat(codec.encode(id)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
            assertThat(codec.encode("hi!".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo("aGkh");
            assertThat(codec.decode("aGkh", byte[].class)).asString().isEqualTo("hi!");
        }

        @Test
        void enumsByValue() {
            assertThat(codec.encode(Color.RED)).isEqualTo("RED");
            assertThat(codec.encode(Shade.LIGHT)).isEqualTo("light");
            assertThat(codec.encode(Level.HIGH)).isEqualTo("3");
        }
    }

    @Nested
    class EncodeJson {

        @Test
        void plainMapKeepsBooleansAndOrder() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("b", 1);
            map.put("a", Arrays.asList(true, null));

            assertThat(codec.encode(map)).isEqualTo("{\"b\": 1, \"a\": [true, null]}");
        }

        @Test
        void collectionsAndArrays() {
            assertThat(codec.encode(List.of("x", "é", "日本"))).isEqualTo("[\"x\", \"é\", \"日本\"]");
            assertThat(codec.encode(new int[] {1, 2})).isEqualTo("[1, 2]");
            assertThat(codec.encode(new LinkedHashSet<>(List.of(3, 1)))).isEqualTo("[3, 1]");
            assertThat(codec.encode(List.of(1.0, 1e20, Double.NaN))).isEqualTo("[1.0, 1e+20, NaN]");
            assertThat(codec.encode(Map.of())).isEqualTo("{}");
            assertThat(codec.encode(List.of())).isEqualTo("[]");
        }

        @Test
        void plainJsonEscapesLikePython() {
            assertThat(codec.encode(Map.of("s", "a\"b\\c\nd\u0001é")))
                    .isEqualTo("{\"s\": \"a\\\"b\\\\c\\nd\\u0001é\"}");
        }

        @Test
        void recordLikePydanticModel() {
            User alice = new User("Alice", true, 100, List.of("x", "y"), List.of(true, false));

            assertThat(codec.encode(alice)).isEqualTo(
                    "{\"name\": \"Alice\", \"active\": \"1\", \"score\": 100, \"tags\": [\"x\", \"y\"], "
                            + "\"flags\": [\"1\", \"0\"]}");
        }

        @Test
        void nestedRecordWithTimeEnumsAndBooleans() {
            assertThat(codec.encode(order())).isEqualTo("{\"id\": \"o:1\", "
                    + "\"lines\": [{\"sku\": \"s-1\", \"qty\": 2, \"gift\": \"1\"}, "
                    + "{\"sku\": \"s-2\", \"qty\": 1, \"gift\": \"0\"}], "
                    + "\"counts\": {\"a\": 1}, \"options\": {\"fast\": \"1\"}, \"paid\": \"1\", "
                    + "\"shade\": \"dark\", \"level\": 3, \"at\": \"2024-01-02T03:04:05.730729\", "
                    + "\"confirmed\": \"2024-01-02T03:04:05+05:30\", \"seen\": \"2024-01-02T03:04:05+00:00\", "
                    + "\"note\": null}");
        }

        @Test
        void timeInsidePlainJsonUsesTheSameStrings() {
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put("at", LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            map.put(LocalDate.of(2024, 1, 2), Instant.parse("2024-01-02T03:04:05.000001Z"));
            map.put("color", Color.GREEN);

            assertThat(codec.encode(map)).isEqualTo("{\"at\": \"2024-01-02T03:04:05\", "
                    + "\"2024-01-02\": \"2024-01-02T03:04:05.000001+00:00\", \"color\": \"GREEN\"}");
        }

        @Test
        void recordsInsidePlainCollectionsKeepJsonBooleans() {
            assertThat(codec.encode(List.of(new Labelled("a", true))))
                    .isEqualTo("[{\"label\": \"a\", \"on\": true}]");
        }
    }

    @Nested
    class ListElements {

        @Test
        void stringElement_everyUtf16Unit_isPrintedAsTheGeneratorPrintsItInsideAList() {
            List<String> differing = new ArrayList<>();
            for (char c = 0; c < Character.MAX_VALUE; c++) {
                String text = "a" + c + "b";
                if (!codec.encodeListElement(text).equals(throughGenerator(codec, text))) {
                    differing.add(String.format("U+%04X", (int) c));
                }
            }
            assertThat(differing).isEmpty();
        }

        @Test
        void stringElement_randomTextWithPairsAndEscapes_isPrintedAsTheGeneratorPrintsIt() {
            java.util.Random random = new java.util.Random(20261208L);
            char[] pool = {'"', '\\', '/', '\n', '\t', '\u0001', '\u007f', 'é', '\u2028', '\ud83d', '\ude00', 'x', ' '};
            for (int n = 0; n < 2_000; n++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    text.append(random.nextBoolean() ? pool[random.nextInt(pool.length)] : (char) random.nextInt(0x3000));
                }
                assertThat(codec.encodeListElement(text.toString()))
                        .as("element %s", text.chars().mapToObj(Integer::toHexString).toList())
                        .isEqualTo(throughGenerator(codec, text.toString()));
            }
        }

        @Test
        void stringElement_isQuotedAsPythonsJsonDumpsQuotesIt() {
            // json.dumps(['say "hi"\n\tnow\x01 é/'], ensure_ascii=False)[1:-1] in CPython 3.11
            assertThat(codec.encodeListElement("say \"hi\"\n\tnow\u0001 é/"))
                    .isEqualTo("\"say \\\"hi\\\"\\n\\tnow\\u0001 é/\"");
        }

        @Test
        void stringElement_mapperWithItsOwnStringSerializer_isPrintedByThatSerializer() {
            tools.jackson.databind.module.SimpleModule shouting = new tools.jackson.databind.module.SimpleModule()
                    .addSerializer(String.class, new tools.jackson.databind.ValueSerializer<String>() {
                        @Override
                        public void serialize(String value, tools.jackson.core.JsonGenerator json,
                                tools.jackson.databind.SerializationContext context) {
                            json.writeString(value.toUpperCase(java.util.Locale.ROOT));
                        }
                    });
            RedisValueCodec custom = RedisValueCodec.using(JsonMapper.builder().addModule(shouting).build());

            assertThat(custom.encodeListElement("quiet")).isEqualTo("\"QUIET\"");
        }

        @Test
        void otherElements_keepThePlainJsonRules() {
            assertThat(codec.encodeListElement(true)).isEqualTo("true");
            assertThat(codec.encodeListElement(null)).isEqualTo("null");
            assertThat(codec.encodeListElement(2.5)).isEqualTo("2.5");
            assertThat(codec.encodeListElement(Map.of("k", List.of(1L, "v")))).isEqualTo("{\"k\": [1, \"v\"]}");
        }

        private String throughGenerator(RedisValueCodec printer, String text) {
            String array = printer.encode(java.util.Collections.singletonList(text));
            return array.substring(1, array.length() - 1);
        }
    }

    @Nested
    class DecodeUntyped {

        @Test
        void nullAndDigitBooleans() {
            assertThat(codec.decode(null)).isNull();
            assertThat(codec.decode("null")).isNull();
            assertThat(codec.decode("1")).isEqualTo(Boolean.TRUE);
            assertThat(codec.decode("0")).isEqualTo(Boolean.FALSE);
        }

        @Test
        void numericLookingTextBecomesNumbers() {
            assertThat(codec.decode("42")).isEqualTo(42);
            assertThat(codec.decode("-0")).isEqualTo(0);
            assertThat(codec.decode("1.0")).isEqualTo(1.0);
            assertThat(codec.decode(" 42 ")).isEqualTo(42);
            assertThat(codec.decode("3000000000")).isEqualTo(3_000_000_000L);
            assertThat(codec.decode("12345678901234567890")).isEqualTo(new BigInteger("12345678901234567890"));
            assertThat(codec.decode("1.5E3")).isEqualTo(1500.0);
            assertThat(codec.decode("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
        }

        @Test
        void jsonSpecialsParseButPythonStrSpecialsStayText() {
            assertThat((Double) codec.decode("NaN")).isNaN();
            assertThat(codec.decode("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(codec.decode("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(codec.decode("nan")).isEqualTo("nan");
            assertThat(codec.decode("inf")).isEqualTo("inf");
            assertThat(codec.decode("-inf")).isEqualTo("-inf");
            assertThat(codec.decode("+Infinity")).isEqualTo("+Infinity");
            assertThat(codec.decode("-INF")).isEqualTo("-INF");
            assertThat(codec.decode("[+Infinity]")).isEqualTo("[+Infinity]");
        }

        @Test
        void textThatOnlyStartsLikeANumberOrLiteralStaysText() {
            // caught before the parser (which would throw on them): timestamps, words, broken numbers
            assertThat(codec.decode("2026-12-07T10:00:00.123456")).isEqualTo("2026-12-07T10:00:00.123456");
            assertThat(codec.decode("tenant")).isEqualTo("tenant");
            assertThat(codec.decode("nullable")).isEqualTo("nullable");
            assertThat(codec.decode("false alarm")).isEqualTo("false alarm");
            assertThat(codec.decode("NaNa")).isEqualTo("NaNa");
            assertThat(codec.decode("Inf")).isEqualTo("Inf");
            assertThat(codec.decode("01234")).isEqualTo("01234");
            assertThat(codec.decode("1.")).isEqualTo("1.");
            assertThat(codec.decode("-")).isEqualTo("-");
            assertThat(codec.decode("1e")).isEqualTo("1e");
            assertThat(codec.decode("12 34")).isEqualTo("12 34");
            assertThat(codec.decode(" \t")).isEqualTo(" \t");
            assertThat(codec.decode(" true\n")).isEqualTo(Boolean.TRUE);
            assertThat(codec.decode("-2.5e-3")).isEqualTo(-0.0025);
        }

        @Test
        void jsonLiteralsAndStrings() {
            assertThat(codec.decode("true")).isEqualTo(Boolean.TRUE);
            assertThat(codec.decode("false")).isEqualTo(Boolean.FALSE);
            assertThat(codec.decode("\"x\"")).isEqualTo("x");
        }

        @ParameterizedTest(name = "{displayName}: [{0}]")
        @ValueSource(strings = {"01234", "", " ", "hello", "1 2", "-", "{bad", "2024-01-02T03:04:05", "True",
            "1.", "red"})
        void nonJsonTextStaysText(String raw) {
            assertThat(codec.decode(raw)).isEqualTo(raw);
        }

        @Test
        void objectsAndArraysKeepOrderAndNestedDigitStrings() {
            Object decoded = codec.decode("{\"b\": [1, \"1\", \"0\", true, null], \"a\": {\"c\": 2.5}}");

            assertThat(decoded).isInstanceOf(LinkedHashMap.class);
            Map<?, ?> map = (Map<?, ?>) decoded;
            assertThat(new ArrayList<Object>(map.keySet())).containsExactly("b", "a");
            assertThat(map.get("b")).isInstanceOf(ArrayList.class).isEqualTo(Arrays.asList(1, "1", "0", true, null));
            assertThat(map.get("a")).isEqualTo(Map.of("c", 2.5));
        }

        @Test
        void storedModelReadsBackAsMapWithDigitStrings() {
            String stored = codec.encode(new User("Alice", true, 100, List.of("x", "y"), List.of(true, false)));

            assertThat(codec.decode(stored)).isEqualTo(Map.of("name", "Alice", "active", "1", "score", 100,
                    "tags", List.of("x", "y"), "flags", List.of("1", "0")));
        }
    }

    @Nested
    class DecodeTyped {

        @ParameterizedTest(name = "{displayName}: [{0}]")
        @ValueSource(strings = {"1", "0", "null", "42", "{\"a\":1}", "", "true", " x ", "nan"})
        void stringTargetKeepsTextUnchanged(String raw) {
            assertThat(codec.decode(codec.encode(raw), String.class)).isEqualTo(raw);
            assertThat(codec.decode(raw, CharSequence.class)).isEqualTo(raw);
        }

        @Test
        void integers() {
            assertThat(codec.decode(codec.encode(1), Integer.class)).isEqualTo(1);
            assertThat(codec.decode(codec.encode(0), int.class)).isEqualTo(0);
            assertThat(codec.decode(codec.encode(Long.MAX_VALUE), Long.class)).isEqualTo(Long.MAX_VALUE);
            assertThat(codec.decode(codec.encode(-3L), long.class)).isEqualTo(-3L);
            assertThat(codec.decode("7", Short.class)).isEqualTo((short) 7);
            assertThat(codec.decode("-7", byte.class)).isEqualTo((byte) -7);
            BigInteger big = new BigInteger("123456789012345678901234567890");
            assertThat(codec.decode(codec.encode(big), BigInteger.class)).isEqualTo(big);
        }

        @Test
        void doubles() {
            for (double value : new double[] {30.0, 0.5, 1e20, 1e-7, -0.0, 0.1 + 0.2, Double.MAX_VALUE,
                Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                assertThat(codec.decode(codec.encode(value), Double.class)).isEqualTo(value);
                assertThat(codec.decode(codec.encode(value), double.class)).isEqualTo(value);
            }
            assertThat(codec.decode(codec.encode(Double.NaN), Double.class)).isNaN();
            assertThat(codec.decode("NaN", double.class)).isNaN();
            assertThat(codec.decode("Infinity", Double.class)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(codec.decode("-Infinity", Double.class)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(codec.decode("1", Double.class)).isEqualTo(1.0);
            assertThat(codec.decode(codec.encode(0.1f), Float.class)).isEqualTo(0.1f);
        }

        @Test
        void booleans() {
            for (String raw : List.of("1", "true", "True")) {
                assertThat(codec.decode(raw, Boolean.class)).isTrue();
                assertThat(codec.decode(raw, boolean.class)).isTrue();
            }
            for (String raw : List.of("0", "false", "False")) {
                assertThat(codec.decode(raw, Boolean.class)).isFalse();
            }
            assertThat(codec.decode(codec.encode(true), boolean.class)).isTrue();
            assertThat(codec.decode("null", Boolean.class)).isNull();
        }

        @Test
        void decimalsKeepTheirScale() {
            for (String text : List.of("1.50", "1E+3", "0.0000001", "-12345678901234567890.123456789")) {
                BigDecimal value = new BigDecimal(text);
                assertThat(codec.decode(codec.encode(value), BigDecimal.class)).isEqualTo(value);
            }
        }

        @Test
        void enumsByValueOrName() {
            assertThat(codec.decode(codec.encode(Color.GREEN), Color.class)).isEqualTo(Color.GREEN);
            assertThat(codec.decode(codec.encode(Shade.DARK), Shade.class)).isEqualTo(Shade.DARK);
            assertThat(codec.decode("DARK", Shade.class)).isEqualTo(Shade.DARK);
            assertThat(codec.decode(codec.encode(Level.HIGH), Level.class)).isEqualTo(Level.HIGH);
            assertThat(codec.decode("LOW", Level.class)).isEqualTo(Level.LOW);
            assertThat(codec.decode("null", Level.class)).isNull();
        }

        @Test
        void dateTimes() {
            LocalDateTime local = LocalDateTime.of(2024, 1, 2, 3, 4, 46, 730_729_000);
            assertThat(codec.decode(codec.encode(local), LocalDateTime.class)).isEqualTo(local);
            assertThat(codec.decode("2024-01-02T03:04:05", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            OffsetDateTime offset = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 1_000, ZoneOffset.ofHours(2));
            assertThat(codec.decode(codec.encode(offset), OffsetDateTime.class)).isEqualTo(offset);
            Instant instant = Instant.parse("2024-01-02T03:04:05.123456Z");
            assertThat(codec.decode(codec.encode(instant), Instant.class)).isEqualTo(instant);
            assertThat(codec.decode("2024-01-02T03:04:05Z", Instant.class))
                    .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            LocalDate date = LocalDate.of(2024, 1, 2);
            assertThat(codec.decode(codec.encode(date), LocalDate.class)).isEqualTo(date);
            LocalTime time = LocalTime.of(3, 4, 5, 10_000);
            assertThat(codec.decode(codec.encode(time), LocalTime.class)).isEqualTo(time);
            ZonedDateTime zoned = ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
            assertThat(codec.decode(codec.encode(zoned), ZonedDateTime.class)).isEqualTo(zoned);
        }

        @Test
        void jacksonScalarsStoredRaw() {
            UUID id = UUID.randomUUID();
            assertThat(codec.decode(codec.encode(id), UUID.class)).isEqualTo(id);
            assertThat(codec.decode(codec.encode(Duration.ofMinutes(90)), Duration.class))
                    .isEqualTo(Duration.ofMinutes(90));
        }

        @Test
        void recordWithNestedListsMapsBooleansEnumsAndTimes() {
            Order order = order();

            assertThat(codec.decode(codec.encode(order), Order.class)).isEqualTo(order);
        }

        @Test
        void recordAcceptsJsonBooleansAndDigitStrings() {
            assertThat(codec.decode("{\"label\": \"1\", \"on\": \"1\"}", Labelled.class))
                    .isEqualTo(new Labelled("1", true));
            assertThat(codec.decode("{\"label\": \"0\", \"on\": false}", Labelled.class))
                    .isEqualTo(new Labelled("0", false));
            assertThat(codec.decode("null", Labelled.class)).isNull();
        }

        @Test
        void primitiveBooleanArraysAcceptDigitStrings() {
            Switches decoded = codec.decode(codec.encode(new Switches(new boolean[] {true, false})), Switches.class);

            assertThat(codec.encode(new Switches(new boolean[] {true, false})))
                    .isEqualTo("{\"on\": [\"1\", \"0\"]}");
            assertThat(decoded.on()).containsExactly(true, false);
            assertThat(codec.decode("[true, \"0\", \"1\"]", boolean[].class)).containsExactly(true, false, true);
            assertThatThrownBy(() -> codec.decode("[true, null]", boolean[].class))
                    .isInstanceOf(CodecException.class);
        }

        @Test
        void listOfRecordsViaTypeReference() {
            List<Line> lines = List.of(new Line("a", 1, true), new Line("b", 2, false));

            assertThat(codec.decode(codec.encode(lines), new TypeReference<List<Line>>() { })).isEqualTo(lines);
            assertThat(codec.decode("[{\"sku\": \"a\", \"qty\": 1, \"gift\": \"1\"}]",
                    new TypeReference<List<Line>>() { })).containsExactly(new Line("a", 1, true));
        }

        @Test
        void sameRawTypeWithOtherTypeArguments_decodesByItsOwnArguments_everyTime() {
            for (int round = 0; round < 2; round++) { // the second round reads the types the first one looked up
                assertThat(codec.decode("[1, 2]", new TypeReference<List<Long>>() { })).containsExactly(1L, 2L);
                assertThat(codec.decode("[1, 2]", new TypeReference<List<String>>() { })).containsExactly("1", "2");
                assertThat(codec.decode("[1, 2]", new TypeReference<List<Double>>() { })).containsExactly(1.0, 2.0);
                assertThat(codec.decode("[1, 2]", List.class)).containsExactly(1, 2);
            }
        }

        @Test
        void mapOfIntegersViaTypeReferenceAndJavaType() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("b", 1);
            counts.put("a", 0);
            JavaType type = codec.mapper().getTypeFactory().constructMapType(Map.class, String.class, Integer.class);

            Map<String, Integer> viaReference = codec.decode(codec.encode(counts),
                    new TypeReference<Map<String, Integer>>() { });
            Map<String, Integer> viaJavaType = codec.decode(codec.encode(counts), type);

            assertThat(viaReference).containsExactly(Map.entry("b", 1), Map.entry("a", 0));
            assertThat(viaJavaType).isEqualTo(counts);
        }

        @Test
        void objectTargetIsTheUntypedReading() {
            assertThat(codec.decode("1", Object.class)).isEqualTo(Boolean.TRUE);
            assertThat(codec.decode("42", Object.class)).isEqualTo(42);
        }

        @Test
        void missingValueIsNullExceptForPrimitives() {
            assertThat(codec.decode(null, Integer.class)).isNull();
            assertThat(codec.decode(null, String.class)).isNull();
            assertThat(codec.decode(null, Order.class)).isNull();
            assertThatThrownBy(() -> codec.decode(null, int.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("int");
            assertThatThrownBy(() -> codec.decode("null", boolean.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("boolean");
        }
    }

    @Nested
    class Failures {

        @Test
        void namesTypeAndValueAndKeepsCause() {
            assertThatThrownBy(() -> codec.decode("abc", Integer.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("java.lang.Integer")
                    .hasMessageContaining("'abc'")
                    .hasCauseInstanceOf(NumberFormatException.class);
        }

        @Test
        void integerTargetRejectsFloatsAndOverflow() {
            assertThatThrownBy(() -> codec.decode("1.0", Integer.class)).isInstanceOf(CodecException.class);
            assertThatThrownBy(() -> codec.decode("3000000000", int.class)).isInstanceOf(CodecException.class);
            assertThatThrownBy(() -> codec.decode("true", Integer.class)).isInstanceOf(CodecException.class);
        }

        @ParameterizedTest(name = "{displayName}: [{0}]")
        @ValueSource(strings = {"abc", "1d", "0x10", "", "1,5"})
        void doubleTargetRejectsNonDecimals(String raw) {
            assertThatThrownBy(() -> codec.decode(raw, Double.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("java.lang.Double");
        }

        @Test
        void booleanEnumAndTimeTargetsRejectOtherText() {
            assertThatThrownBy(() -> codec.decode("yes", Boolean.class)).isInstanceOf(CodecException.class);
            assertThatThrownBy(() -> codec.decode("purple", Shade.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining(Shade.class.getName());
            assertThatThrownBy(() -> codec.decode("2024-01-02T03:04:05+00:00", LocalDateTime.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("java.time.LocalDateTime");
            assertThatThrownBy(() -> codec.decode("nan", BigDecimal.class)).isInstanceOf(CodecException.class);
        }

        @Test
        void recordTargetRejectsBadJson() {
            assertThatThrownBy(() -> codec.decode("{\"label\": \"a\", \"on\": \"yes\"}", Labelled.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining(Labelled.class.getName())
                    .hasCauseInstanceOf(tools.jackson.core.JacksonException.class);
            assertThatThrownBy(() -> codec.decode("[1, 2]", Labelled.class)).isInstanceOf(CodecException.class);
            assertThatThrownBy(() -> codec.decode("not json", Labelled.class)).isInstanceOf(CodecException.class);
            assertThatThrownBy(() -> codec.decode("{\"sku\": \"a\", \"qty\": null, \"gift\": true}", Line.class))
                    .isInstanceOf(CodecException.class);
        }

        @Test
        void genericTargetNamesTheFullType() {
            assertThatThrownBy(() -> codec.decode("{\"a\": \"x\"}", new TypeReference<Map<String, Integer>>() { }))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("java.util.Map<java.lang.String,java.lang.Integer>");
        }

        @Test
        void longValuesAreCutToEightyCharacters() {
            String raw = "x".repeat(80) + "TAIL" + "y".repeat(100);

            assertThatThrownBy(() -> codec.decode(raw, Integer.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("'" + "x".repeat(80) + "...'")
                    .hasMessageContaining("(184 chars)")
                    .hasMessageNotContaining("TAIL")
                    .hasRootCauseInstanceOf(NumberFormatException.class);
        }

        @Test
        void unserializableValueNamesItsType() {
            assertThatThrownBy(() -> codec.encode(new Exploding()))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining(Exploding.class.getName());
        }
    }

    @Nested
    class Hashes {

        @Test
        void encodeHash_encodesEveryValueAndKeepsFieldOrder() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", "Alice");
            values.put("active", true);
            values.put("score", 1);
            values.put("ratio", 0.5);
            values.put("gone", null);
            values.put("tags", List.of("x"));

            assertThat(codec.encodeHash(values)).containsExactly(Map.entry("name", "Alice"),
                    Map.entry("active", "1"), Map.entry("score", "1"), Map.entry("ratio", "0.5"),
                    Map.entry("gone", "null"), Map.entry("tags", "[\"x\"]"));
        }

        @Test
        void encodeHash_rejectsNullFieldNames() {
            Map<String, Object> values = new HashMap<>();
            values.put(null, 1);

            assertThatNullPointerException().isThrownBy(() -> codec.encodeHash(values));
        }

        @Test
        void encodeHash_failureNamesTheField() {
            assertThatThrownBy(() -> codec.encodeHash(Map.of("bad", new Exploding())))
                    .isInstanceOfSatisfying(CodecException.class, e -> {
                        assertThat(e.field()).isEqualTo("bad");
                        assertThat(e.getMessage()).startsWith("field 'bad': ");
                    });
        }

        @Test
        void decodeHash_typesNamedFieldsAndGuessesTheRest() {
            Map<String, String> raw = new LinkedHashMap<>();
            raw.put("count", "1");
            raw.put("flag", "1");
            raw.put("name", "null");
            raw.put("untypedNull", "null");
            raw.put("at", "2024-01-02T03:04:05");
            raw.put("lines", "[{\"sku\": \"a\", \"qty\": 1, \"gift\": \"0\"}]");
            FieldTypes types = FieldTypes.builder()
                    .field("count", Integer.class)
                    .field("name", String.class)
                    .field("at", LocalDateTime.class)
                    .field("lines", new TypeReference<List<Line>>() { })
                    .field("absent", Integer.class)
                    .build();

            Map<String, @Nullable Object> decoded = codec.decodeHash(raw, types);

            assertThat(decoded.keySet()).containsExactly("count", "flag", "name", "untypedNull", "at", "lines");
            assertThat(decoded.get("count")).isEqualTo(1);
            assertThat(decoded.get("flag")).isEqualTo(Boolean.TRUE);
            assertThat(decoded.get("name")).isEqualTo("null");
            assertThat(decoded).containsEntry("untypedNull", null);
            assertThat(decoded.get("at")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            assertThat(decoded.get("lines")).isEqualTo(List.of(new Line("a", 1, false)));
        }

        @Test
        void decodeHash_withoutTypesIsUntyped() {
            assertThat(codec.decodeHash(Map.of("a", "42"), FieldTypes.none())).isEqualTo(Map.of("a", 42));
            assertThat(codec.decodeHash(Map.of(), FieldTypes.none())).isEmpty();
        }

        @Test
        void decodeHash_failureNamesTheField() {
            Map<String, String> raw = Map.of("count", "many");

            assertThatThrownBy(() -> codec.decodeHash(raw, FieldTypes.of("count", Integer.class)))
                    .isInstanceOfSatisfying(CodecException.class, e -> {
                        assertThat(e.field()).isEqualTo("count");
                        assertThat(e.key()).isNull();
                        assertThat(e.getMessage()).contains("field 'count'").contains("'many'")
                                .contains("java.lang.Integer");
                        assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
                    });
        }

        @Test
        void decodeHash_withKeyNamesKeyAndField() {
            Map<String, String> raw = Map.of("count", "many");

            assertThatThrownBy(() -> codec.decodeHash("acme:user:u1", raw, FieldTypes.of("count", Integer.class)))
                    .isInstanceOfSatisfying(CodecException.class, e -> {
                        assertThat(e.key()).isEqualTo("acme:user:u1");
                        assertThat(e.field()).isEqualTo("count");
                        assertThat(e.getMessage()).startsWith("key 'acme:user:u1' field 'count': Cannot decode")
                                .containsOnlyOnce("count");
                    });
        }
    }

    @Nested
    class Mapper {

        @Test
        void usingCopiesTheMapperWithoutChangingIt() {
            JsonMapper mine = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

            RedisValueCodec custom = RedisValueCodec.using(mine);

            assertThat(mine.isEnabled(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)).isTrue();
            assertThat(custom.mapper()).isNotSameAs(mine);
            assertThat(custom.mapper().isEnabled(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)).isFalse();
            assertThat(custom.encode(new Bean())).isEqualTo("{\"zeta\": \"z\", \"alpha\": \"1\"}");
            assertThat(mine.writeValueAsString(new Bean())).isEqualTo("{\"alpha\":true,\"zeta\":\"z\"}");
        }

        @Test
        void usingKeepsTheCallersSettings() {
            JsonMapper mine = JsonMapper.builder()
                    .enable(tools.jackson.databind.cfg.EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                    .build();

            assertThat(RedisValueCodec.using(mine).encode(Color.RED)).isEqualTo("red");
            assertThat(RedisValueCodec.using(mine).decode("red", Color.class)).isEqualTo(Color.RED);
        }

        @Test
        void polymorphicTypingIsOff() {
            JsonMapper unsafe = JsonMapper.builder()
                    .activateDefaultTyping(tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator.builder()
                            .allowIfBaseType(Object.class).build(), tools.jackson.databind.DefaultTyping.NON_FINAL)
                    .build();

            String encoded = RedisValueCodec.using(unsafe).encode(new Wrapper(new ArrayList<>(List.of(1))));

            assertThat(encoded).isEqualTo("{\"any\": [1]}");
        }

        @Test
        void usingRejectsNull() {
            assertThatNullPointerException().isThrownBy(() -> RedisValueCodec.using(null));
        }

        @Test
        void defaultsIsShared() {
            assertThat(RedisValueCodec.defaults()).isSameAs(RedisValueCodec.defaults());
        }
    }
}
