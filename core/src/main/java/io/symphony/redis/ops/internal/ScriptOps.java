package io.symphony.redis.ops.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.symphony.redis.CodecException;
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
                ClusterSlots.requireOneSlot(keys, commands -> run(commands, script, keys, args)));
    }

    private static <T> Mono<T> run(RedisClusterReactiveCommands<String, String> commands, RedisScript<T> script,
            String[] keys, String[] args) {
        return ScriptOps.<T>evalsha(commands, script, keys, args)
                .onErrorResume(RedisNoScriptException.class, missing -> evalSource(commands, script, keys, args));
    }

    private static <T> Mono<T> evalsha(RedisClusterReactiveCommands<String, String> commands,
            RedisScript<T> script, String[] keys, String[] args) {
        return dispatch(commands, CommandType.EVALSHA, script, script.sha1(), keys, args);
    }

    private static <T> Mono<T> evalSource(RedisClusterReactiveCommands<String, String> commands,
            RedisScript<T> script, String[] keys, String[] args) {
        return dispatch(commands, CommandType.EVAL, script, script.source(), keys, args);
    }

    /**
     * Send {@code EVAL}/{@code EVALSHA} with an output that keeps the reply's shape, then convert it to the declared
     * type; a reply of another shape, or one Lettuce cannot decode, is a {@link CodecException} naming the script.
     */
    private static <T> Mono<T> dispatch(RedisClusterReactiveCommands<String, String> commands, CommandType type,
            RedisScript<T> script, String scriptOrDigest, String[] keys, String[] args) {
        // Built when called: the connection layer calls the action once per subscription (and the NOSCRIPT
        // fallback once per failed EVALSHA), so each output serves one command.
        CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8)
                .add(scriptOrDigest).add(keys.length).addKeys(keys).addValues(args);
        return Mono.fromDirect(commands.<ScriptReplyOutput.Reply>dispatch(type, new ScriptReplyOutput(), commandArgs))
                .onErrorMap(UnsupportedOperationException.class, undecodable -> new CodecException(
                        script.describe() + " replied a value Lettuce cannot decode into a table: "
                                + undecodable.getMessage(), undecodable))
                .mapNotNull(reply -> ScriptReplies.convert(script, reply));
    }
}
