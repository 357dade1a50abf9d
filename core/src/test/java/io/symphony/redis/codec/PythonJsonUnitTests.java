package io.symphony.redis.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Expected strings were produced by CPython's {@code json.dumps(value, ensure_ascii=False)}. */
class PythonJsonUnitTests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void write_usesPythonSeparatorsAndKeepsBooleansInPlainMode() {
        ObjectNode node = NODES.objectNode();
        node.put("a", 1);
        node.set("b", NODES.arrayNode().add(true).addNull());

        assertThat(PythonJson.write(node, false)).isEqualTo("{\"a\": 1, \"b\": [true, null]}");
    }

    @Test
    void write_turnsEveryBooleanIntoDigitStringsInModelMode() {
        ObjectNode node = NODES.objectNode();
        node.put("name", "Alice");
        node.put("active", true);
        node.put("score", 100);
        node.set("tags", NODES.arrayNode().add("x").add("y"));
        node.set("flags", NODES.arrayNode().add(true).add(false));
        node.set("nested", NODES.objectNode().put("deep", false));

        assertThat(PythonJson.write(node, true)).isEqualTo(
                "{\"name\": \"Alice\", \"active\": \"1\", \"score\": 100, \"tags\": [\"x\", \"y\"], "
                        + "\"flags\": [\"1\", \"0\"], \"nested\": {\"deep\": \"0\"}}");
    }

    @Test
    void write_escapesLikePythonAndKeepsNonAsciiRaw() {
        ObjectNode node = NODES.objectNode();
        node.put("s", "q\"b\\n\n\r\t\b\f\u0000\u001f\u007f é 日本 \u2028 😀");

        assertThat(PythonJson.write(node, false))
                .isEqualTo("{\"s\": \"q\\\"b\\\\n\\n\\r\\t\\b\\f\\u0000\\u001f\u007f é 日本 \u2028 😀\"}");
    }

    @Test
    void write_escapesPropertyNamesToo() {
        ObjectNode node = NODES.objectNode();
        node.put("a\"\n", 1);

        assertThat(PythonJson.write(node, false)).isEqualTo("{\"a\\\"\\n\": 1}");
    }

    @Test
    void write_printsNumbersAsPythonDoes() {
        ArrayNode array = NODES.arrayNode();
        array.add(NODES.numberNode(1.0)).add(NODES.numberNode(0.5)).add(NODES.numberNode(1e20))
                .add(NODES.numberNode(1e-7)).add(NODES.numberNode(Double.NaN))
                .add(NODES.numberNode(Double.POSITIVE_INFINITY)).add(NODES.numberNode(Double.NEGATIVE_INFINITY))
                .add(NODES.numberNode(-0.0)).add(NODES.numberNode(new BigInteger("12345678901234567890")));

        assertThat(PythonJson.write(array, false))
                .isEqualTo("[1.0, 0.5, 1e+20, 1e-07, NaN, Infinity, -Infinity, -0.0, 12345678901234567890]");
    }

    @Test
    void write_printsFloatsAsTheirShortestDecimalAndDecimalsAsWritten() {
        ArrayNode array = NODES.arrayNode();
        array.add(NODES.numberNode(0.1f)).add(NODES.numberNode(new BigDecimal("1.50")))
                .add(NODES.numberNode(new BigDecimal("1E+3"))).add(NODES.numberNode(7L));

        assertThat(PythonJson.write(array, false)).isEqualTo("[0.1, 1.50, 1E+3, 7]");
    }

    @Test
    void write_printsEmptyContainers() {
        ObjectNode node = NODES.objectNode();
        node.set("a", NODES.objectNode());
        node.set("b", NODES.arrayNode());

        assertThat(PythonJson.write(node, false)).isEqualTo("{\"a\": {}, \"b\": []}");
        assertThat(PythonJson.write(NODES.objectNode(), true)).isEqualTo("{}");
    }

    @Test
    void write_printsBinaryAsBase64String() {
        JsonNode node = NODES.arrayNode().add(NODES.binaryNode("hi!".getBytes(StandardCharsets.UTF_8)));

        assertThat(PythonJson.write(node, false)).isEqualTo("[\"aGkh\"]");
    }

    @Test
    void write_roundTripsThroughJacksonParsing() {
        String python = "{\"k\": [1, 2.5, \"x\\u0001\", {\"n\": null}], \"e\": \"é\"}";

        assertThat(PythonJson.write(MAPPER.readTree(python), false)).isEqualTo(python);
    }
}
