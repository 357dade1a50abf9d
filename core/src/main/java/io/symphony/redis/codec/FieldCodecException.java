package io.symphony.redis.codec;

import io.symphony.redis.CodecException;
import org.jspecify.annotations.Nullable;

/**
 * A hash field failed to encode or decode where no key is known: the message and {@link #field()} name the field.
 * Locating it at a key with {@link #at(String, String)} starts again from the unlocated failure, so the field is
 * not named twice.
 */
final class FieldCodecException extends CodecException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final CodecException unlocated;

    FieldCodecException(String field, CodecException unlocated) {
        super("field '" + field + "': " + unlocated.getMessage(), unlocated.getCause());
        this.field = field;
        this.unlocated = unlocated;
        setStackTrace(unlocated.getStackTrace());
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public CodecException at(String key, @Nullable String field) {
        return unlocated.at(key, field);
    }
}
