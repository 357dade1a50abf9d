package io.symphony.redis.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.ParameterizedType;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

class FieldTypesUnitTests {

    @Test
    void none_typesNoField() {
        assertThat(FieldTypes.none().isEmpty()).isTrue();
        assertThat(FieldTypes.none().type("any")).isNull();
        assertThat(FieldTypes.none().fields()).isEmpty();
    }

    @Test
    void of_typesOneField() {
        FieldTypes types = FieldTypes.of("count", Integer.class);

        assertThat(types.type("count")).isEqualTo(Integer.class);
        assertThat(types.type("other")).isNull();
        assertThat(types.isEmpty()).isFalse();
    }

    @Test
    void builder_keepsOrderAndGenericTypes() {
        JavaType javaType = JsonMapper.builder().build().getTypeFactory().constructType(Long.class);
        FieldTypes types = FieldTypes.builder()
                .field("b", String.class)
                .field("a", new TypeReference<List<Integer>>() { })
                .field("c", javaType)
                .build();

        assertThat(types.fields()).containsExactly("b", "a", "c");
        assertThat(types.type("a")).isInstanceOf(ParameterizedType.class);
        assertThat(((ParameterizedType) types.type("a")).getActualTypeArguments()).containsExactly(Integer.class);
        assertThat(types.type("c")).isSameAs(javaType);
    }

    @Test
    void builder_rejectsDuplicateField() {
        FieldTypes.Builder builder = FieldTypes.builder().field("a", String.class);

        assertThatThrownBy(() -> builder.field("a", Integer.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void builder_rejectsNulls() {
        assertThatNullPointerException().isThrownBy(() -> FieldTypes.of(null, String.class));
        assertThatNullPointerException().isThrownBy(() -> FieldTypes.of("a", (Class<?>) null));
        assertThatNullPointerException()
                .isThrownBy(() -> FieldTypes.builder().field("a", (TypeReference<?>) null));
    }

    @Test
    void build_isImmutableAndIndependentOfTheBuilder() {
        FieldTypes.Builder builder = FieldTypes.builder().field("a", String.class);
        FieldTypes first = builder.build();
        builder.field("b", Integer.class);

        assertThat(first.fields()).containsExactly("a");
        assertThatThrownBy(() -> first.fields().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(FieldTypes.builder().build()).isSameAs(FieldTypes.none());
    }

    @Test
    void equals_comparesFieldTypes() {
        assertThat(FieldTypes.of("a", String.class)).isEqualTo(FieldTypes.builder().field("a", String.class).build())
                .hasSameHashCodeAs(FieldTypes.of("a", String.class))
                .isNotEqualTo(FieldTypes.of("a", Integer.class));
        assertThat(FieldTypes.of("a", String.class).toString()).contains("a").contains("String");
    }
}
