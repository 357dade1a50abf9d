package io.symphony.redis.codec;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps enum constants to the text stored for them and back, caching one table per enum class.
 *
 * <p>The stored text is the constant's Jackson serialization (its {@code @JsonValue}, its
 * {@code @JsonProperty} name, or {@code name()}), printed as a top-level value: a string raw, a number in
 * decimal. That matches Python's {@code str(member.value)} for enums whose value is the {@code @JsonValue}.
 * Reading accepts that text first and the constant's {@code name()} second.
 */
final class EnumValues {

    private final ClassValue<Table<?>> tables;

    EnumValues(JsonMapper mapper) {
        this.tables = new ClassValue<>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            protected Table<?> computeValue(Class<?> type) {
                return new Table(type, mapper);
            }
        };
    }

    String encode(Enum<?> constant) {
        return tables.get(constant.getDeclaringClass()).encoded(constant);
    }

    /** Return the constant stored as {@code raw}, or null if no constant matches. */
    @Nullable Object decode(Class<?> enumType, String raw) {
        return tables.get(enumType).decode(raw);
    }

    private static final class Table<E extends Enum<E>> {

        private final Map<E, String> encoded;
        private final Map<String, E> byValue = new HashMap<>();
        private final Map<String, E> byName = new HashMap<>();

        private Table(Class<E> type, JsonMapper mapper) {
            this.encoded = new EnumMap<>(type);
            for (E constant : type.getEnumConstants()) {
                String text = ValueEncoder.topLevel(mapper.valueToTree(constant));
                encoded.put(constant, text);
                byValue.putIfAbsent(text, constant);
                byName.put(constant.name(), constant);
            }
        }

        String encoded(Enum<?> constant) {
            // The table was built from every constant of the constant's own class.
            return Objects.requireNonNull(encoded.get(constant), constant.name());
        }

        @Nullable E decode(String raw) {
            E constant = byValue.get(raw);
            return constant != null ? constant : byName.get(raw);
        }
    }
}
