package io.symphony.redis.codec;

import io.symphony.redis.CodecException;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

/** Builds the codec's exceptions, so every message names the type and shows at most 80 characters of the value. */
final class CodecFailures {

    static final int MAX_SHOWN = 80;
    private static final int MAX_REASON = 300;

    private CodecFailures() {
    }

    static CodecException decode(String raw, Type target, @Nullable Throwable cause) {
        String reason = reason(cause);
        if (raw.length() > MAX_SHOWN) {
            reason = reason.replace(raw, shown(raw));
        }
        return new CodecException("Cannot decode " + shown(raw) + " as " + name(target) + cut(reason), cause);
    }

    static CodecException encode(Object value, Throwable cause) {
        return new CodecException("Cannot encode a value of type " + value.getClass().getName() + reason(cause),
                cause);
    }

    /** Quote the raw value, cut to {@value #MAX_SHOWN} characters (never inside a surrogate pair). */
    static String shown(String raw) {
        if (raw.length() <= MAX_SHOWN) {
            return "'" + raw + "'";
        }
        int end = Character.isHighSurrogate(raw.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
        return "'" + raw.substring(0, end) + "...' (" + raw.length() + " chars)";
    }

    /** Keep the cause's explanation short; parsers often repeat the whole input in it. */
    private static String cut(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }

    static String name(Type type) {
        if (type instanceof JavaType) {
            return ((JavaType) type).toCanonical();
        }
        return type instanceof Class ? ((Class<?>) type).getName() : type.getTypeName();
    }

    private static String reason(@Nullable Throwable cause) {
        if (cause == null) {
            return "";
        }
        String message = cause instanceof JacksonException
                ? ((JacksonException) cause).getOriginalMessage()
                : cause.getMessage();
        if (message == null || message.isEmpty()) {
            return ": " + cause.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
