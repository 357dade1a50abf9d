package io.symphony.redis.ops;

import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Lua script with its SHA1 digest, computed locally once, and the type of its reply.
 *
 * <p>Instances are immutable and meant to be kept in constants: {@link RedisOps#eval} calls them by digest
 * ({@code EVALSHA}) and sends the source only when the server does not know the script yet. Lua replies map to
 * Java as follows: integer to {@link Long}, {@code true}/{@code false} to {@link Boolean}, bulk or status string
 * to {@link String}, table to {@code List<Object>} (nested values are {@link Long}, {@link String} or lists). A
 * {@code nil} reply (and Lua {@code false} for non-boolean scripts) makes the evaluation complete empty. A reply of
 * another shape (a table from a script declared to return an integer, a string where a boolean was declared, a
 * non-numeric string where an integer was declared) fails the evaluation with a {@link CodecException} naming the
 * script ({@link #named(String)}), its digest and what it replied; nothing is coerced.
 *
 * @param <T> the Java type of the script's reply
 * @since 0.1
 */
public final class RedisScript<T> {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Lua fragment defining {@code now_ms()}: the server's clock ({@code TIME}) in epoch milliseconds. Prepend it to
     * a script's source so that every instance computes due times and leases from one clock, never its own.
     */
    public static final String NOW_MS_FUNCTION = """
            local function now_ms()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            end
            """;

    private final String source;
    private final String sha1;
    private final ScriptOutputType outputType;
    private final Class<?> resultType;
    private final @Nullable String name;

    private RedisScript(String source, ScriptOutputType outputType, Class<?> resultType, @Nullable String name) {
        this.source = Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("script source must not be blank");
        }
        this.sha1 = sha1(source);
        this.outputType = outputType;
        this.resultType = resultType;
        this.name = name;
    }

    private RedisScript(String source, ScriptOutputType outputType, Class<?> resultType) {
        this(source, outputType, resultType, null);
    }

    /**
     * Return this script with a name, used in error messages and {@link #toString()} instead of the bare digest.
     *
     * @param name a short label, for example {@code trigger-sweep}
     * @return a copy with the same source, digest and reply type
     * @since 0.1
     */
    public RedisScript<T> named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("script name must not be blank");
        }
        return new RedisScript<>(source, outputType, resultType, name);
    }

    /** The name given with {@link #named(String)}, or {@code null}. */
    public @Nullable String name() {
        return name;
    }

    /** Create a script whose reply is a Lua integer, emitted as {@link Long}. */
    public static RedisScript<Long> returningLong(String source) {
        return new RedisScript<>(source, ScriptOutputType.INTEGER, Long.class);
    }

    /** Create a script whose reply is a Lua boolean: {@code true} (integer 1) or {@code false} (nil). */
    public static RedisScript<Boolean> returningBoolean(String source) {
        return new RedisScript<>(source, ScriptOutputType.BOOLEAN, Boolean.class);
    }

    /** Create a script whose reply is a bulk or status string, emitted as {@link String}. */
    public static RedisScript<String> returningString(String source) {
        return new RedisScript<>(source, ScriptOutputType.VALUE, String.class);
    }

    /** Create a script whose reply is a Lua table, emitted as one {@code List<Object>}. */
    public static RedisScript<List<Object>> returningList(String source) {
        return new RedisScript<>(source, ScriptOutputType.MULTI, List.class);
    }

    /** The Lua source sent with {@code EVAL} or {@code SCRIPT LOAD}. */
    public String source() {
        return source;
    }

    /** The lowercase hex SHA1 of the source, as used by {@code EVALSHA}. */
    public String sha1() {
        return sha1;
    }

    /**
     * The Lettuce output type that matches the declared reply type. Informational: {@link RedisOps#eval} decodes
     * the reply as sent and converts it, failing on a reply of another shape instead of coercing it.
     */
    public ScriptOutputType outputType() {
        return outputType;
    }

    /** The Java type the reply is emitted as. */
    public Class<?> resultType() {
        return resultType;
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }

    /** Compare by source and reply type. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RedisScript<?> that && sha1.equals(that.sha1) && outputType == that.outputType;
    }

    /** Hash by digest and reply type. */
    @Override
    public int hashCode() {
        return Objects.hash(sha1, outputType);
    }

    /** Describe the script by name (when given), digest and reply type, without the source. */
    @Override
    public String toString() {
        return "RedisScript[" + (name == null ? "" : "name=" + name + ", ") + "sha1=" + sha1 + ", returns "
                + resultType.getSimpleName() + "]";
    }

    /**
     * Describe the script for error messages: {@code Lua script 'name' (sha1 ...)} or {@code Lua script sha1 ...}.
     */
    public String describe() {
        return name == null ? "Lua script sha1 " + sha1 : "Lua script '" + name + "' (sha1 " + sha1 + ")";
    }
}
