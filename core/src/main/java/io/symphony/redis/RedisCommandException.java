package io.symphony.redis;

import org.jspecify.annotations.Nullable;

/**
 * A Redis command failed: the server answered with an error, the connection broke, or the command timed out.
 *
 * <p>The message names the command, the key (when the command has one) and the pool alias; the Lettuce
 * exception is the cause.
 *
 * @since 0.1
 */
public class RedisCommandException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    private final String command;
    private final @Nullable String key;
    private final String pool;

    /**
     * Create the exception for a failed command.
     *
     * @param command the Redis command, for example {@code HSET}
     * @param key the key it addressed, or {@code null} for keyless commands
     * @param pool the pool alias the command ran on
     * @param cause the failure reported by the client
     */
    public RedisCommandException(String command, @Nullable String key, String pool, Throwable cause) {
        super(describe(command, key, pool, cause), cause);
        this.command = command;
        this.key = key;
        this.pool = pool;
    }

    private static String describe(String command, @Nullable String key, String pool, Throwable cause) {
        String target = key == null ? "" : " on key '" + key + "'";
        return command + target + " failed in pool '" + pool + "': " + cause.getMessage();
    }

    /** The Redis command that failed, for example {@code HSET}. */
    public String command() {
        return command;
    }

    /** The key the command addressed, or {@code null} for keyless commands. */
    public @Nullable String key() {
        return key;
    }

    /** The pool alias the command ran on. */
    public String pool() {
        return pool;
    }
}
