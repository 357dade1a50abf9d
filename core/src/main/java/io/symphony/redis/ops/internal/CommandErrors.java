package io.symphony.redis.ops.internal;

import io.symphony.redis.RedisCommandException;
import io.symphony.redis.SymphonyRedisException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one place where client failures become {@link RedisCommandException}.
 *
 * <p>Every Lettuce failure (error reply, connection loss, timeout) and anything else the connection layer
 * signals is wrapped with the command, key and alias; an exception that is already a
 * {@link SymphonyRedisException} passes through unchanged so nothing is wrapped twice.
 */
final class CommandErrors {

    private CommandErrors() {
    }

    /** Build the mapper to hand to {@code onErrorMap} for one command. */
    static Function<Throwable, Throwable> translate(String command, @Nullable String key, String alias) {
        return error -> wrap(error, command, key, alias);
    }

    static Throwable wrap(Throwable error, String command, @Nullable String key, String alias) {
        if (error instanceof SymphonyRedisException) {
            return error;
        }
        return new RedisCommandException(command, key, alias, error);
    }
}
