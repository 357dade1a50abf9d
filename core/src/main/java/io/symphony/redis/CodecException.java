package io.symphony.redis;

import org.jspecify.annotations.Nullable;

/**
 * A value could not be encoded for Redis or decoded from it.
 *
 * <p>The message names the key and field when they are known (the codec itself does not know them; the layer
 * that reads a key attaches them with {@link #at(String, String)}), the target type, and the cause.
 *
 * @since 0.1
 */
public class CodecException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String key;
    private final @Nullable String field;

    /**
     * Create a codec failure without key or field.
     *
     * @param message what could not be encoded or decoded, and into which type
     * @param cause the Jackson (or parsing) failure, may be {@code null}
     */
    public CodecException(String message, @Nullable Throwable cause) {
        this(message, null, null, cause);
    }

    private CodecException(String message, @Nullable String key, @Nullable String field, @Nullable Throwable cause) {
        super(message, cause);
        this.key = key;
        this.field = field;
    }

    /**
     * Return a copy of this exception that names the key and field it happened at.
     *
     * @param key the Redis key that held the value
     * @param field the hash field, or {@code null} for a plain string value
     * @return a new exception whose message starts with the key and field; the cause is kept
     */
    public CodecException at(String key, @Nullable String field) {
        String where = field == null ? "key '" + key + "'" : "key '" + key + "' field '" + field + "'";
        CodecException located = new CodecException(where + ": " + getMessage(), key, field, getCause());
        located.setStackTrace(getStackTrace());
        return located;
    }

    /** The key the value was read from or written to, when known. */
    public @Nullable String key() {
        return key;
    }

    /** The hash field, when known. */
    public @Nullable String field() {
        return field;
    }
}
