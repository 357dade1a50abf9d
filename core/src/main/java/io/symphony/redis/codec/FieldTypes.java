package io.symphony.redis.codec;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;

/**
 * Name the target type of some hash fields, so that {@link RedisValueCodec#decodeHash} reads those fields typed
 * and the rest untyped (the original's {@code models=} argument of {@code loads_hash}).
 *
 * <p>Instances are immutable and thread-safe; fields keep the order in which they were added. A type is a
 * {@link Class}, the type of a {@link TypeReference}, or a Jackson {@link JavaType}.
 *
 * @since 0.1
 */
public final class FieldTypes {

    private static final FieldTypes NONE = new FieldTypes(Map.of());

    private final Map<String, Type> types;

    private FieldTypes(Map<String, Type> types) {
        this.types = types;
    }

    /** Return the instance that types no field: every field is read untyped. */
    public static FieldTypes none() {
        return NONE;
    }

    /**
     * Type a single field.
     *
     * @throws NullPointerException if either argument is null
     */
    public static FieldTypes of(String field, Class<?> type) {
        return builder().field(field, type).build();
    }

    /** Start a builder with no field typed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Return the type of {@code field}, or null when the field is read untyped. */
    public @Nullable Type type(String field) {
        return types.get(field);
    }

    /** Return the typed field names, in the order they were added. */
    public Set<String> fields() {
        return types.keySet();
    }

    /** Return whether no field is typed. */
    public boolean isEmpty() {
        return types.isEmpty();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof FieldTypes && types.equals(((FieldTypes) other).types);
    }

    @Override
    public int hashCode() {
        return types.hashCode();
    }

    @Override
    public String toString() {
        return "FieldTypes" + types;
    }

    /**
     * Collects field types; not thread-safe, and reusable after {@link #build()}.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final Map<String, Type> types = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Read {@code field} as {@code type}.
         *
         * @throws NullPointerException if either argument is null
         * @throws IllegalArgumentException if the field already has a type
         */
        public Builder field(String field, Class<?> type) {
            return put(field, type);
        }

        /**
         * Read {@code field} as the generic type of {@code type}, for example {@code List<Order>}.
         *
         * @throws NullPointerException if either argument is null
         * @throws IllegalArgumentException if the field already has a type
         */
        public Builder field(String field, TypeReference<?> type) {
            return put(field, Objects.requireNonNull(type, "type").getType());
        }

        /**
         * Read {@code field} as a type built with Jackson's {@code TypeFactory}.
         *
         * @throws NullPointerException if either argument is null
         * @throws IllegalArgumentException if the field already has a type
         */
        public Builder field(String field, JavaType type) {
            return put(field, type);
        }

        /** Return the immutable field types collected so far. */
        public FieldTypes build() {
            return types.isEmpty() ? NONE : new FieldTypes(Collections.unmodifiableMap(new LinkedHashMap<>(types)));
        }

        private Builder put(String field, Type type) {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(type, "type");
            if (types.containsKey(field)) {
                throw new IllegalArgumentException("field '" + field + "' already has a type: " + types.get(field));
            }
            types.put(field, type);
            return this;
        }
    }
}
