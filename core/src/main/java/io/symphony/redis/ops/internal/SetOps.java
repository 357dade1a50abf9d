package io.symphony.redis.ops.internal;

import io.symphony.redis.ops.SetOperations;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Set commands, one Redis command each. */
public final class SetOps implements SetOperations {

    private final Executor executor;

    /** Bind the commands to the executor's alias. */
    public SetOps(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Mono<Long> sadd(String key, Collection<String> members) {
        Args.key(key);
        String[] array = Args.nonEmpty(members, "members");
        return executor.mono("SADD", key, c -> c.sadd(key, array));
    }

    @Override
    public Flux<String> smembers(String key) {
        Args.key(key);
        return executor.flux("SMEMBERS", key, c -> c.smembers(key));
    }

    @Override
    public Mono<Long> srem(String key, Collection<String> members) {
        Args.key(key);
        String[] array = Args.nonEmpty(members, "members");
        return executor.mono("SREM", key, c -> c.srem(key, array));
    }

    @Override
    public Mono<Boolean> sismember(String key, String member) {
        Args.key(key);
        Args.notNull(member, "member");
        return executor.mono("SISMEMBER", key, c -> c.sismember(key, member));
    }
}
