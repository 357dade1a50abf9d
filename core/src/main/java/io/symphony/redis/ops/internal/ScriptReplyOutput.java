package io.symphony.redis.ops.internal;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.NestedMultiOutput;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a script reply as what the server sent, without coercion, so a reply of the wrong shape can be reported.
 * Lettuce's typed outputs coerce silently: an integer output keeps the last element of a table, a list output wraps
 * a scalar, a boolean output reads any string as {@code false}. Tables are decoded like Lettuce's {@code MULTI}
 * output (nested integers as {@link Long}, strings as {@link String}, tables as lists).
 */
final class ScriptReplyOutput extends CommandOutput<String, String, ScriptReplyOutput.Reply> {

    /** What the top level of a reply was. */
    enum Kind {
        INTEGER("an integer"), STRING("a string"), BOOLEAN("a boolean"), DOUBLE("a double"), TABLE("a table"),
        NIL("nil");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** The decoded reply and its top-level kind; {@code value} is {@code null} only for {@link Kind#NIL}. */
    record Reply(Kind kind, @Nullable Object value) {
    }

    /** Made when the reply opens a table: most scripts reply one integer, which needs none of it. */
    private @Nullable NestedMultiOutput<String, String> table;
    private @Nullable Kind kind;
    private @Nullable Object scalar;

    ScriptReplyOutput() {
        super(StringCodec.UTF8, null);
    }

    @Override
    public Reply get() {
        return kind == Kind.TABLE ? new Reply(Kind.TABLE, table().get())
                : new Reply(kind == null ? Kind.NIL : kind, scalar);
    }

    @Override
    public void set(long integer) {
        if (kind == Kind.TABLE) {
            table().set(integer);
        } else {
            top(Kind.INTEGER, integer);
        }
    }

    @Override
    public void set(@Nullable ByteBuffer bytes) {
        if (kind == Kind.TABLE) {
            table().set(bytes);
        } else {
            top(bytes == null ? Kind.NIL : Kind.STRING, bytes == null ? null : codec.decodeValue(bytes));
        }
    }

    @Override
    public void setSingle(@Nullable ByteBuffer bytes) {
        if (kind == Kind.TABLE) {
            table().setSingle(bytes);
        } else {
            top(bytes == null ? Kind.NIL : Kind.STRING, bytes == null ? null : StringCodec.UTF8.decodeValue(bytes));
        }
    }

    @Override
    public void setBigNumber(@Nullable ByteBuffer bytes) {
        setSingle(bytes);
    }

    @Override
    public void set(double number) {
        if (kind == Kind.TABLE) {
            table().set(number);
        } else {
            top(Kind.DOUBLE, number);
        }
    }

    @Override
    public void set(boolean value) {
        if (kind == Kind.TABLE) {
            table().set(value);
        } else {
            top(Kind.BOOLEAN, value);
        }
    }

    @Override
    public void multi(int count) {
        kind = Kind.TABLE;
        table().multi(count);
    }

    private NestedMultiOutput<String, String> table() {
        NestedMultiOutput<String, String> nested = table;
        if (nested == null) {
            nested = new NestedMultiOutput<>(StringCodec.UTF8);
            table = nested;
        }
        return nested;
    }

    @Override
    public void complete(int depth) {
        if (kind == Kind.TABLE) {
            table().complete(depth);
        }
    }

    private void top(Kind replyKind, @Nullable Object value) {
        kind = replyKind;
        scalar = value;
    }
}
