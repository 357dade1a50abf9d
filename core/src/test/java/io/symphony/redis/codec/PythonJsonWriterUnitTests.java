package io.symphony.redis.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming printer against CPython's {@code json.dumps(value, ensure_ascii=False)} output, on the points
 * where Jackson's own defaults differ from Python's.
 */
class PythonJsonWriterUnitTests {

    private final PythonJsonWriter writer = new PythonJsonWriter(CodecMapper.configure(JsonMapper.builder().build()));

    record Reading(float ratio, double tiny, boolean on, List<Double> values, Map<String, Object> extra) {
    }

    @Test
    void forwardSlashesStayRawAndControlCharactersUseLowercaseHex() {
        Map<String, Object> value = Map.of("u", "a/b\u001b\u000b");

        assertThat(writer.write(value, false)).isEqualTo("{\"u\": \"a/b\\u001b\\u000b\"}");
    }

    @Test
    void recordsPrintFloatsAsPythonReprAndBooleansAsDigitStringsAtAnyDepth() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nested", List.of(true, 2.5e-5, 1e16));
        extra.put("none", null);
        Reading reading = new Reading(0.1f, 1e-7, true, List.of(Double.NaN, -0.0, 123456.789), extra);

        assertThat(writer.write(reading, true)).isEqualTo("{\"ratio\": 0.1, \"tiny\": 1e-07, \"on\": \"1\", "
                + "\"values\": [NaN, -0.0, 123456.789], \"extra\": {\"nested\": [\"1\", 2.5e-05, 1e+16], "
                + "\"none\": null}}");
    }

    @Test
    void scalarsAtTheRootArePrintedAsPythonStrNotJson() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        assertThat(writer.write(id, true)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(writer.write(Duration.ofHours(1), true)).isEqualTo("PT1H");
        assertThat(writer.write(Double.NaN, true)).isEqualTo("nan");
        assertThat(writer.write(null, true)).isEqualTo("null");
    }

    @Test
    void theCallersMapperSettingsDoNotChangeTheLayout() {
        JsonMapper custom = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII, JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS,
                        JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .build();
        PythonJsonWriter customWriter = new PythonJsonWriter(CodecMapper.configure(custom));

        assertThat(customWriter.write(Map.of("k", List.of("é/", 1, 0.5)), false))
                .isEqualTo("{\"k\": [\"é/\", 1, 0.5]}");
    }

    @Test
    void outputLargerThanTheGeneratorsBufferIsKeptWhole() {
        List<String> words = Collections.nCopies(5_000, "word/é");

        assertThat(writer.write(words, false))
                .isEqualTo("[" + String.join(", ", Collections.nCopies(5_000, "\"word/é\"")) + "]");
    }
}
