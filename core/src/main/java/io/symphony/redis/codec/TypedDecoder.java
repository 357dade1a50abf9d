package io.symphony.redis.codec;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a stored string into a known target type; the target decides, so nothing is guessed.
 *
 * <ul>
 *   <li>No value (a missing key or field) reads as null, except for a primitive target, which fails.</li>
 *   <li>{@code String} and {@code CharSequence} get the text unchanged, {@code "null"}, {@code "1"} and JSON
 *       included; {@code Object} gets the untyped reading.</li>
 *   <li>Other scalars ({@link ScalarDecoder}) and enums read {@code null} as null (that is how null is stored) and
 *       otherwise parse the text.</li>
 *   <li>Everything else is read as JSON with the codec's mapper. If that fails, the text is tried once more as a
 *       JSON string, for types Jackson reads from strings ({@code UUID}, {@code Duration}, {@code URI}) that the
 *       codec stores raw.</li>
 * </ul>
 *
 * <p>Any failure is a {@link io.symphony.redis.CodecException} naming the type and the (cut) text.
 */
final class TypedDecoder {

    private final JsonMapper mapper;
    private final EnumValues enums;
    private final UntypedDecoder untyped;

    TypedDecoder(JsonMapper mapper, EnumValues enums, UntypedDecoder untyped) {
        this.mapper = mapper;
        this.enums = enums;
        this.untyped = untyped;
    }

    @Nullable Object decode(@Nullable String raw, JavaType type) {
        Class<?> target = type.getRawClass();
        if (raw == null) {
            if (target.isPrimitive()) {
                throw CodecFailures.decode("<no value>", type, null);
            }
            return null;
        }
        if (target == Object.class) {
            return untyped.decode(raw);
        }
        Function<String, Object> scalar = ScalarDecoder.parser(target);
        if (scalar != null) {
            return scalar(raw, type, scalar);
        }
        if (target.isEnum()) {
            return enumConstant(raw, type);
        }
        return json(raw, type);
    }

    private @Nullable Object scalar(String raw, JavaType type, Function<String, Object> parser) {
        Class<?> target = type.getRawClass();
        if ("null".equals(raw) && target != String.class && target != CharSequence.class) {
            if (target.isPrimitive()) {
                throw CodecFailures.decode(raw, type, null);
            }
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw CodecFailures.decode(raw, type, e);
        }
    }

    private @Nullable Object enumConstant(String raw, JavaType type) {
        Object constant = enums.decode(type.getRawClass(), raw);
        if (constant == null && !"null".equals(raw)) {
            throw CodecFailures.decode(raw, type, null);
        }
        return constant;
    }

    private @Nullable Object json(String raw, JavaType type) {
        JacksonException asJson = null;
        if (UntypedDecoder.mayBeJson(raw)) {
            try {
                return mapper.readValue(raw, type);
            } catch (JacksonException e) {
                if (raw.startsWith("\"")) {
                    throw CodecFailures.decode(raw, type, e);
                }
                asJson = e;
            }
        }
        try {
            return mapper.readValue(PythonJson.quote(raw), type);
        } catch (JacksonException asString) {
            if (asJson == null) {
                throw CodecFailures.decode(raw, type, asString);
            }
            asJson.addSuppressed(asString);
            throw CodecFailures.decode(raw, type, asJson);
        }
    }
}
