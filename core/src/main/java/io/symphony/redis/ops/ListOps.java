package io.symphony.redis.ops;

import io.lettuce.core.LMoveArgs;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** List commands, one Redis command each. */
final class ListOps {

    private final Executor executor;

    ListOps(Executor executor) {
        this.executor = executor;
    }

    Mono<Long> rpush(String key, Collection<String> values, String alias) {
        Args.key(key);
        String[] array = Args.nonEmpty(values, "values");
        return executor.mono("RPUSH", key, alias, c -> c.rpush(key, array));
    }

    Mono<String> lpop(String key, String alias) {
        Args.key(key);
        return executor.mono("LPOP", key, alias, c -> c.lpop(key));
    }

    Flux<String> lpop(String key, long count, String alias) {
        Args.key(key);
        Args.positive(count, "count");
        return executor.flux("LPOP", key, alias, c -> c.lpop(key, count));
    }

    Flux<String> lrange(String key, long start, long stop, String alias) {
        Args.key(key);
        return executor.flux("LRANGE", key, alias, c -> c.lrange(key, start, stop));
    }

    Mono<Void> ltrim(String key, long start, long stop, String alias) {
        Args.key(key);
        return executor.mono("LTRIM", key, alias, c -> c.ltrim(key, start, stop)).then();
    }

    Mono<Long> llen(String key, String alias) {
        Args.key(key);
        return executor.mono("LLEN", key, alias, c -> c.llen(key));
    }

    Mono<String> lmove(String source, String destination, LMoveArgs direction, String alias) {
        Args.notNull(source, "source");
        Args.notNull(destination, "destination");
        Args.notNull(direction, "direction");
        return executor.mono("LMOVE", source, alias, ClusterSlots.requireOneSlot(new String[] {source, destination},
                c -> c.lmove(source, destination, direction)));
    }
}
