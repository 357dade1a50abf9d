package io.symphony.redis.ops;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Lua script execution, "loaded once, called by SHA", on the connection of the pool alias these operations are
 * bound to (see {@link RedisOps#onPool(String)}).
 *
 * @since 0.1
 */
public interface ScriptOperations {

    /**
     * Run {@code script} atomically on the server: {@code EVALSHA sha1 keys args} first; when the server answers
     * {@code NOSCRIPT} (first use, restart, {@code SCRIPT FLUSH}, failover) the script is sent once with
     * {@code EVAL}, which runs it and caches it on that server, so later calls are {@code EVALSHA} hits again.
     * Retrying is safe because a {@code NOSCRIPT} reply means nothing ran.
     *
     * <p>On Redis Cluster the call runs on the primary that owns the slot of the first key, so all {@code keys}
     * must hash to that same slot (give them a common hash tag such as {@code {tenant}}). Keys in several slots
     * are refused before anything is sent: {@link io.symphony.redis.RedisCommandException} whose message starts,
     * like Redis's own refusal, with {@code CROSSSLOT} and lists every key with its slot, and whose cause is an
     * {@link IllegalArgumentException}. A script without keys runs on the node Lettuce uses for keyless commands
     * and must not touch keys. The script cache is per node: {@code NOSCRIPT} after a failover or resharding is
     * handled like a restart.
     * Lua errors ({@code redis.call} failures, {@code redis.error_reply}) and any other Redis failure arrive as
     * {@link io.symphony.redis.RedisCommandException} with command {@code EVALSHA} and the first key (or none).
     * Writes a script made before it failed are not rolled back.
     *
     * @return emits the reply as {@link RedisScript}'s type; completes empty when the script returns {@code nil}
     * @throws NullPointerException if an argument or an element is {@code null}
     */
    <T> Mono<T> eval(RedisScript<T> script, List<String> keys, List<String> args);
}
