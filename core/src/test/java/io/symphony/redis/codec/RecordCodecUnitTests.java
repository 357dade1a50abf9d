package io.symphony.redis.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.symphony.redis.CodecException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RedisValueCodec#encodeRecord}, {@link RedisValueCodec#decodeRecord} and
 * {@link RedisValueCodec#recordFieldTypes}: a record is the map of its properties, byte for byte, and reads back
 * typed by its components.
 */
class RecordCodecUnitTests {

    private static final String KEY = "acme:user:u1";

    private final RedisValueCodec codec = RedisValueCodec.defaults();

    enum Size { S, M }

    record Line(String sku, int qty, boolean gift) {
    }

    record Cart(int quantity, String sku, boolean gift, double price, @Nullable Integer discount, List<String> tags,
            List<Boolean> flags, Map<String, Boolean> options, Line line, LocalDateTime created, Size size,
            BigDecimal total, @Nullable String note) {
    }

    record Renamed(@JsonProperty("qty") int quantity, @JsonIgnore @Nullable String secret, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Partial(@Nullable Integer step, @Nullable String label) {
    }

    record Checked(int quantity) {
        Checked {
            if (quantity < 0) {
                throw new IllegalArgumentException("quantity must be >= 0, was " + quantity);
            }
        }
    }

    record Text(String code, @Nullable Object any) {
    }

    /** A POJO with a getter/setter pair and a public field. */
    static final class Pojo {
        private int count;
        public @Nullable String name;

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }
    }

    private static Cart cart() {
        return new Cart(1, "A-1", true, 30.0, null, List.of("x", "y"), List.of(true, false),
                new LinkedHashMap<>(Map.of("wrap", true)), new Line("L", 0, true),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 730_729_000), Size.M, new BigDecimal("1E+3"), "1");
    }

    @Test
    void encodeRecord_isExactlyTheMapOfItsComponents() {
        Cart cart = cart();
        Map<String, @Nullable Object> same = new LinkedHashMap<>();
        same.put("quantity", 1);
        same.put("sku", "A-1");
        same.put("gift", true);
        same.put("price", 30.0);
        same.put("discount", null);
        same.put("tags", List.of("x", "y"));
        same.put("flags", List.of(true, false));
        same.put("options", Map.of("wrap", true));
        same.put("line", new Line("L", 0, true));
        same.put("created", cart.created());
        same.put("size", Size.M);
        same.put("total", new BigDecimal("1E+3"));
        same.put("note", "1");

        Map<String, String> encoded = codec.encodeRecord(cart);

        assertThat(encoded).isEqualTo(codec.encodeHash(same));
        assertThat(new ArrayList<>(encoded.keySet())).containsExactlyElementsOf(same.keySet());
        assertThat(encoded).containsEntry("quantity", "1").containsEntry("gift", "1").containsEntry("price", "30.0")
                .containsEntry("discount", "null").containsEntry("tags", "[\"x\", \"y\"]")
                .containsEntry("flags", "[true, false]").containsEntry("options", "{\"wrap\": true}")
                .containsEntry("line", "{\"sku\": \"L\", \"qty\": 0, \"gift\": \"1\"}")
                .containsEntry("created", "2024-01-02T03:04:05.730729").containsEntry("size", "M")
                .containsEntry("total", "1E+3").containsEntry("note", "1");
    }

    @Test
    void decodeRecord_typesEveryFieldByItsComponent() {
        Cart cart = cart();

        Cart read = codec.decodeRecord(KEY, codec.encodeRecord(cart), Cart.class);

        assertThat(read).isEqualTo(cart);
        assertThat(read.quantity()).isEqualTo(1);
        assertThat(read.note()).isEqualTo("1");
    }

    @Test
    void decodeRecord_one_isTheIntOneNotTrue_whileUntypedReadsTrue() {
        Map<String, String> raw = Map.of("code", "1", "any", "1");

        assertThat(codec.decodeHash(raw, FieldTypes.none())).containsEntry("code", true);
        Text text = codec.decodeRecord(KEY, raw, Text.class);
        assertThat(text.code()).isEqualTo("1");
        assertThat(text.any()).as("an Object component is read untyped, the original's rule").isEqualTo(true);
        assertThat(codec.decodeRecord(KEY, Map.of("qty", "1", "name", "n"), Renamed.class).quantity()).isEqualTo(1);
    }

    @Test
    void decodeRecord_readsThePythonOriginalsBytes() {
        Map<String, String> python = new LinkedHashMap<>();
        python.put("quantity", "1");
        python.put("sku", "A-1");
        python.put("gift", "1");
        python.put("price", "30.0");
        python.put("discount", "null");
        python.put("tags", "[\"x\", \"y\"]");
        python.put("flags", "[true, false]");
        python.put("options", "{\"wrap\": true}");
        python.put("line", "{\"sku\": \"L\", \"qty\": 0, \"gift\": \"1\"}");
        python.put("created", "2024-01-02T03:04:05.730729");
        python.put("size", "M");
        python.put("total", "1E+3");
        python.put("note", "1");
        python.put("handler_type", "chat");

        assertThat(codec.decodeRecord(KEY, python, Cart.class)).isEqualTo(cart());
    }

    @Test
    void jacksonNamesApply_renameIgnoreAndNonNull() {
        assertThat(codec.encodeRecord(new Renamed(2, "s", "n"))).containsExactly(Map.entry("qty", "2"),
                Map.entry("name", "n"));
        assertThat(codec.decodeRecord(KEY, Map.of("qty", "2", "secret", "s", "name", "n"), Renamed.class))
                .isEqualTo(new Renamed(2, null, "n"));
        assertThat(codec.encodeRecord(new Partial(3, null))).containsExactly(Map.entry("step", "3"));
        assertThat(codec.recordFieldTypes(Renamed.class).fields()).containsExactly("qty", "name");
    }

    @Test
    void pojo_roundTripsThroughGettersSettersAndFields() {
        Pojo pojo = new Pojo();
        pojo.setCount(1);
        pojo.name = "0";

        Map<String, String> encoded = codec.encodeRecord(pojo);
        Pojo read = codec.decodeRecord(KEY, encoded, Pojo.class);

        assertThat(encoded).containsEntry("count", "1").containsEntry("name", "0");
        assertThat(read.getCount()).isEqualTo(1);
        assertThat(read.name).isEqualTo("0");
    }

    @Test
    void decodeRecord_missingOrNullWrapper_isNull() {
        Map<String, String> raw = Map.of("code", "c", "any", "null");

        assertThat(codec.decodeRecord(KEY, raw, Text.class)).isEqualTo(new Text("c", null));
        assertThat(codec.decodeRecord(KEY, Map.of("any", "2"), Text.class)).isEqualTo(new Text(null, 2));
    }

    @Test
    void nullStringComponent_isStoredAsNull_andReadsBackAsNullNotAsTheText() {
        Text text = new Text(null, null);

        Map<String, String> encoded = codec.encodeRecord(text);

        assertThat(encoded).containsExactly(Map.entry("code", "null"), Map.entry("any", "null"));
        assertThat(codec.decodeRecord(KEY, encoded, Text.class)).isEqualTo(text);
        assertThat(codec.decode("null", String.class)).as("a single typed String read keeps the text")
                .isEqualTo("null");
    }

    @Test
    void decodeRecord_missingPrimitive_failsNamingKeyAndField() {
        assertThatThrownBy(() -> codec.decodeRecord(KEY, Map.of("sku", "L", "gift", "1"), Line.class))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.key()).isEqualTo(KEY);
                    assertThat(e.field()).isEqualTo("qty");
                    assertThat(e).hasMessageContaining(KEY).hasMessageContaining("'qty'").hasMessageContaining("int")
                            .hasMessageContaining("missing");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "abc", "1.5", "true"})
    void decodeRecord_badPrimitiveValue_failsNamingKeyFieldAndValue(String stored) {
        Map<String, String> raw = Map.of("sku", "L", "qty", stored, "gift", "0");

        assertThatThrownBy(() -> codec.decodeRecord(KEY, raw, Line.class))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.key()).isEqualTo(KEY);
                    assertThat(e.field()).isEqualTo("qty");
                    assertThat(e).hasMessageContaining(KEY).hasMessageContaining("'" + stored + "'")
                            .hasMessageContaining("int");
                });
    }

    @Test
    void decodeRecord_constructorRejects_failsNamingKeyTypeAndReason() {
        assertThatThrownBy(() -> codec.decodeRecord(KEY, Map.of("quantity", "-1"), Checked.class))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.key()).isEqualTo(KEY);
                    assertThat(e.field()).isNull();
                    assertThat(e).hasMessageContaining(KEY).hasMessageContaining(Checked.class.getName())
                            .hasMessageContaining("quantity must be >= 0, was -1");
                });
    }

    @Test
    void encodeRecord_nonRecordTypes_areRejectedNamingTheType() {
        for (Object value : List.of("text", 1, Map.of("a", 1), List.of(1), Size.S, LocalDate.of(2024, 1, 2),
                UUID.randomUUID(), new int[] {1}, OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))) {
            assertThatIllegalArgumentException().isThrownBy(() -> codec.encodeRecord(value))
                    .withMessageContaining(value.getClass().getName());
        }
        assertThatIllegalArgumentException().isThrownBy(() -> codec.decodeRecord(KEY, Map.of(), String.class))
                .withMessageContaining("java.lang.String");
        assertThatIllegalArgumentException().isThrownBy(() -> codec.recordFieldTypes(Map.class));
        assertThatIllegalArgumentException().isThrownBy(() -> codec.encodeRecord(new Object()))
                .withMessageContaining("java.lang.Object");
    }

    @Test
    void nullArguments_throwNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> codec.encodeRecord(null)).withMessage("record");
        assertThatNullPointerException().isThrownBy(() -> codec.decodeRecord(KEY, Map.of(), null))
                .withMessage("type");
        assertThatNullPointerException().isThrownBy(() -> codec.decodeRecord(null, Map.of(), Line.class));
        assertThatNullPointerException().isThrownBy(() -> codec.decodeRecord(KEY, null, Line.class));
    }

    @Test
    void recordFieldTypes_giveTypedMapReads() {
        Map<String, @Nullable Object> typed = codec.decodeHash(Map.of("quantity", "1", "note", "1"),
                codec.recordFieldTypes(Cart.class));

        assertThat(typed).containsEntry("quantity", 1).containsEntry("note", "1");
    }
}
