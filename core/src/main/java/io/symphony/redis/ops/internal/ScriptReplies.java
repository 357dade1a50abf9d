package io.symphony.redis.ops.internal;

import io.symphony.redis.CodecException;
import io.symphony.redis.ops.RedisScript;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Converts a script's decoded reply to the type its {@link RedisScript} declares, or fails naming the script. */
final class ScriptReplies {

    private static final int QUOTED_REPLY_MAX = 100;

    private ScriptReplies() {
    }

    /**
     * Convert a decoded reply to the declared type, or fail naming the script when its shape does not fit.
     *
     * @return the value, or {@code null} for an empty evaluation
     */
    @SuppressWarnings("unchecked")
    static <T> @Nullable T convert(RedisScript<T> script, ScriptReplyOutput.Reply resp) {
        Class<?> resultType = script.resultType();
        if (resultType == Boolean.class) {
            return (T) toBoolean(script, resp);
        }
        ScriptReplyOutput.Reply reply = asResp2(resp);
        Object value = reply.value();
        if (reply.kind() == ScriptReplyOutput.Kind.NIL) {
            return null;
        }
        if (resultType == Long.class && reply.kind() == ScriptReplyOutput.Kind.STRING) {
            return (T) parseLong(script, (String) Objects.requireNonNull(value));
        }
        if (resultType == Long.class && reply.kind() == ScriptReplyOutput.Kind.INTEGER
                || resultType == String.class && reply.kind() == ScriptReplyOutput.Kind.STRING
                || resultType == List.class && reply.kind() == ScriptReplyOutput.Kind.TABLE) {
            return (T) value;
        }
        throw wrongShape(script, reply);
    }

    /**
     * Lua booleans reach a RESP3 connection as booleans but a RESP2 one as {@code 1} and nil; read them the RESP2
     * way, so a script's reply does not depend on the protocol the connection negotiated.
     */
    private static ScriptReplyOutput.Reply asResp2(ScriptReplyOutput.Reply reply) {
        if (reply.kind() != ScriptReplyOutput.Kind.BOOLEAN) {
            return reply;
        }
        return Boolean.TRUE.equals(reply.value()) ? new ScriptReplyOutput.Reply(ScriptReplyOutput.Kind.INTEGER, 1L)
                : new ScriptReplyOutput.Reply(ScriptReplyOutput.Kind.NIL, null);
    }

    private static @Nullable Boolean toBoolean(RedisScript<?> script, ScriptReplyOutput.Reply reply) {
        return switch (reply.kind()) {
            case NIL -> Boolean.FALSE;
            case BOOLEAN -> (Boolean) reply.value();
            case INTEGER -> {
                long n = (Long) Objects.requireNonNull(reply.value());
                if (n != 0 && n != 1) {
                    throw wrongShape(script, reply);
                }
                yield n == 1;
            }
            default -> throw wrongShape(script, reply);
        };
    }

    private static Long parseLong(RedisScript<?> script, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            throw wrongShape(script, new ScriptReplyOutput.Reply(ScriptReplyOutput.Kind.STRING, value));
        }
    }

    private static CodecException wrongShape(RedisScript<?> script, ScriptReplyOutput.Reply reply) {
        String quoted = String.valueOf(reply.value());
        if (quoted.length() > QUOTED_REPLY_MAX) {
            quoted = quoted.substring(0, QUOTED_REPLY_MAX) + "...";
        }
        return new CodecException(script.describe() + " replied " + reply.kind().description()
                + (reply.kind() == ScriptReplyOutput.Kind.NIL ? "" : " (" + quoted + ")") + " where "
                + expected(script.resultType()) + " was declared", null);
    }


    private static String expected(Class<?> resultType) {
        if (resultType == Long.class) {
            return "an integer (returningLong)";
        }
        if (resultType == Boolean.class) {
            return "a boolean (returningBoolean)";
        }
        if (resultType == String.class) {
            return "a string (returningString)";
        }
        return "a table (returningList)";
    }
}
