package io.symphony.redis.ops.internal;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.symphony.redis.ops.HashOperations;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Hash commands, one Redis command each, plus the two atomic Lua combinations of {@link AtomicOps}. */
public final class HashOps implements HashOperations {

    private final Executor executor;
    private final AtomicOps atomics;

    /** Bind the commands to the executor's alias. */
    public HashOps(Executor executor) {
        this.executor = executor;
        this.atomics = new AtomicOps(new ScriptOps(executor));
    }

    @Override
    public Mono<Boolean> hset(String key, String field, String value) {
        Args.key(key);
        Args.notNull(field, "field");
        Args.notNull(value, "value");
        return executor.mono("HSET", key, c -> c.hset(key, field, value));
    }

    @Override
    public Mono<Long> hset(String key, Map<String, String> fields) {
        Args.key(key);
        Map<String, String> copy = Map.copyOf(Args.nonEmpty(fields, "fields"));
        return executor.mono("HSET", key, c -> c.hset(key, copy));
    }

    @Override
    public Mono<Boolean> hsetnx(String key, String field, String value) {
        Args.key(key);
        Args.notNull(field, "field");
        Args.notNull(value, "value");
        return executor.mono("HSETNX", key, c -> c.hsetnx(key, field, value));
    }

    @Override
    public Mono<String> hget(String key, String field) {
        Args.key(key);
        Args.notNull(field, "field");
        return executor.mono("HGET", key, c -> c.hget(key, field));
    }

    @Override
    public Mono<Map<String, String>> hgetall(String key) {
        Args.key(key);
        // One map from Lettuce's MapOutput instead of a KeyValue signal per field collected again: the same
        // HGETALL on the wire, a third of the allocations and operator calls for a 6-field hash.
        return executor.mono("HGETALL", key, c -> Mono.fromDirect(c.<Map<String, String>>dispatch(
                        CommandType.HGETALL, new MapOutput<String, String>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8).addKey(key)))
                .filter(map -> !map.isEmpty()));
    }

    @Override
    public Mono<Boolean> hexists(String key, String field) {
        Args.key(key);
        Args.notNull(field, "field");
        return executor.mono("HEXISTS", key, c -> c.hexists(key, field));
    }

    @Override
    public Mono<Long> hdel(String key, Collection<String> fields) {
        Args.key(key);
        String[] array = Args.nonEmpty(fields, "fields");
        return executor.mono("HDEL", key, c -> c.hdel(key, array));
    }

    @Override
    public Mono<Long> hincrby(String key, String field, long amount) {
        Args.key(key);
        Args.notNull(field, "field");
        return executor.mono("HINCRBY", key, c -> c.hincrby(key, field, amount));
    }

    @Override
    public Mono<Double> hincrbyfloat(String key, String field, double amount) {
        Args.key(key);
        Args.notNull(field, "field");
        return executor.mono("HINCRBYFLOAT", key, c -> c.hincrbyfloat(key, field, amount));
    }

    @Override
    public Mono<Long> hsetWithExpire(String key, Map<String, String> fields, Duration ttl) {
        return atomics.hsetWithExpire(key, fields, ttl);
    }

    @Override
    public Mono<Long> hincrbyWithExpire(String key, String field, long amount, Duration ttl) {
        return atomics.hincrbyWithExpire(key, field, amount, ttl);
    }

}
