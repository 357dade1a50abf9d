package io.symphony.redis.codec;

import java.io.Writer;
import org.jspecify.annotations.Nullable;

/**
 * The generator's target: it receives the generator's buffer when the generator flushes, usually once, and keeps
 * that chunk as the String directly; only output larger than the generator's buffer is gathered in a builder.
 * Not thread-safe: one per printed value.
 */
final class TextSink extends Writer {

    private @Nullable String first;
    private @Nullable StringBuilder more;

    @Override
    public void write(char[] chars, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (first == null && more == null) {
            first = new String(chars, offset, length);
            return;
        }
        builder().append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (first == null && more == null) {
            first = text.substring(offset, offset + length);
            return;
        }
        builder().append(text, offset, offset + length);
    }

    private StringBuilder builder() {
        StringBuilder builder = more;
        if (builder == null) {
            builder = new StringBuilder(first == null ? 64 : first.length() * 2);
            if (first != null) {
                builder.append(first);
                first = null;
            }
            more = builder;
        }
        return builder;
    }

    @Override
    public void flush() {
        // Nothing buffered here.
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    @Override
    public String toString() {
        if (more != null) {
            return more.toString();
        }
        return first == null ? "" : first;
    }
}
