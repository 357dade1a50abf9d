package io.symphony.redis.ops.internal;

import io.lettuce.core.LMoveArgs;
import io.symphony.redis.ops.ListOperations;
import io.symphony.redis.ops.PushAndAddResult;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** List commands, one Redis command each, plus the atomic {@code RPUSH}+{@code SADD} of {@link AtomicOps}. */
public final class ListOps implements ListOperations {

    private final Executor executor;
    private final AtomicOps atomics;

    /** Bind the commands to the executor's alias. */
    public ListOps(Executor executor) {
        this.executor = executor;
        this.atomics = new AtomicOps(new ScriptOps(executor));
    }

    @Override
    public Mono<Long> rpush(String key, Collection<String> values) {
        Args.key(key);
        String[] array = Args.nonEmpty(values, "values");
        return executor.mono("RPUSH", key, c -> c.rpush(key, array));
    }

    @Override
    public Mono<String> lpop(String key) {
        Args.key(key);
        return executor.mono("LPOP", key, c -> c.lpop(key));
    }

    @Override
    public Flux<String> lpop(String key, long count) {
        Args.key(key);
        Args.positive(count, "count");
        return executor.flux("LPOP", key, c -> c.lpop(key, count));
    }

    @Override
    public Flux<String> lrange(String key, long start, long stop) {
        Args.key(key);
        return executor.flux("LRANGE", key, c -> c.lrange(key, start, stop));
    }

    @Override
    public Mono<Void> ltrim(String key, long start, long stop) {
        Args.key(key);
        return executor.mono("LTRIM", key, c -> c.ltrim(key, start, stop)).then();
    }

    @Override
    public Mono<Long> llen(String key) {
        Args.key(key);
        return executor.mono("LLEN", key, c -> c.llen(key));
    }

    @Override
    public Mono<String> lmove(String source, String destination, LMoveArgs direction) {
        Args.notNull(source, "source");
        Args.notNull(destination, "destination");
        Args.notNull(direction, "direction");
        return executor.mono("LMOVE", source, ClusterSlots.requireOneSlot(new String[] {source, destination},
                c -> c.lmove(source, destination, direction)));
    }

    @Override
    public Mono<PushAndAddResult> rpushAndSadd(String listKey, Collection<String> values, String setKey,
            Collection<String> members) {
        return atomics.rpushAndSadd(listKey, values, setKey, members);
    }
}
