package io.symphony.redis.ops.internal;

import io.symphony.redis.ops.RedisScript;
import io.symphony.redis.ops.ScriptOperations;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Run scripts by digest: {@code EVALSHA} first, and on {@code NOSCRIPT} one {@code EVAL} of the source, which
 * both runs the script and caches it on that server, so the next call is an {@code EVALSHA} hit again.
 *
 * <p>Retrying is safe because a {@code NOSCRIPT} reply means the script did not run at all. On Redis Cluster the
 * call is routed by the first key, and keys in several slots fail before anything is sent ({@link ClusterSlots}).
 */
public final class ScriptOps implements ScriptOperations {

    private final Executor executor;

    /** Bind the commands to the executor's alias. */
    public ScriptOps(Executor executor) {
        this.executor = executor;
    }

    @Override
    public <T> Mono<T> eval(RedisScript<T> script, List<String> keys, List<String> args) {
        Args.notNull(script, "script");
        String[] keyArray = Args.elements(keys, "keys");
        String[] argArray = Args.elements(args, "args");
        String key = keyArray.length == 0 ? null : keyArray[0];
        return eval(script, keyArray, argArray, "EVALSHA", key);
    }

    /** Evaluate with a caller-chosen command label, so combined ops report e.g. {@code HINCRBY+PEXPIRE}. */
    <T> Mono<T> eval(RedisScript<T> script, String[] keys, String[] args, String command,
            @Nullable String key) {
        return executor.mono(command, key,
                ClusterSlots.requireOneSlot(keys, commands -> ScriptCall.of(commands, script, keys, args)));
    }
}
