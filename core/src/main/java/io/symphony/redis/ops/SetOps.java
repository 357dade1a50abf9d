package io.symphony.redis.ops;

import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Set commands, one Redis command each. */
final class SetOps {

    private final Executor executor;

    SetOps(Executor executor) {
        this.executor = executor;
    }

    Mono<Long> sadd(String key, Collection<String> members, String alias) {
        Args.key(key);
        String[] array = Args.nonEmpty(members, "members");
        return executor.mono("SADD", key, alias, c -> c.sadd(key, array));
    }

    Flux<String> smembers(String key, String alias) {
        Args.key(key);
        return executor.flux("SMEMBERS", key, alias, c -> c.smembers(key));
    }

    Mono<Long> srem(String key, Collection<String> members, String alias) {
        Args.key(key);
        String[] array = Args.nonEmpty(members, "members");
        return executor.mono("SREM", key, alias, c -> c.srem(key, array));
    }

    Mono<Boolean> sismember(String key, String member, String alias) {
        Args.key(key);
        Args.notNull(member, "member");
        return executor.mono("SISMEMBER", key, alias, c -> c.sismember(key, member));
    }
}
