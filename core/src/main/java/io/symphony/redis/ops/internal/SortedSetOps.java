package io.symphony.redis.ops.internal;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.symphony.redis.ops.SortedSetOperations;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sorted-set commands, one Redis command each. */
public final class SortedSetOps implements SortedSetOperations {

    private final Executor executor;

    /** Bind the commands to the executor's alias. */
    public SortedSetOps(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Mono<Long> zadd(String key, double score, String member) {
        Args.key(key);
        Args.notNull(member, "member");
        return executor.mono("ZADD", key, c -> c.zadd(key, score, member));
    }

    @Override
    public Mono<Long> zadd(String key, Map<String, Double> scoredMembers) {
        Args.key(key);
        ScoredValue<String>[] values = scored(Args.nonEmpty(scoredMembers, "scoredMembers"));
        return executor.mono("ZADD", key, c -> c.zadd(key, values));
    }

    @Override
    public Flux<String> zrangebyscore(String key, double min, double max) {
        Args.key(key);
        return executor.flux("ZRANGEBYSCORE", key, c -> c.zrangebyscore(key, Range.create(min, max)));
    }

    @Override
    public Flux<String> zrangebyscore(String key, double min, double max, long offset, long count) {
        Args.key(key);
        Limit limit = Limit.create(offset, count);
        return executor.flux("ZRANGEBYSCORE", key, c -> c.zrangebyscore(key, Range.create(min, max), limit));
    }

    @Override
    public Mono<Long> zrem(String key, Collection<String> members) {
        Args.key(key);
        String[] array = Args.nonEmpty(members, "members");
        return executor.mono("ZREM", key, c -> c.zrem(key, array));
    }

    @Override
    public Mono<Double> zscore(String key, String member) {
        Args.key(key);
        Args.notNull(member, "member");
        return executor.mono("ZSCORE", key, c -> c.zscore(key, member));
    }

    @SuppressWarnings("unchecked")
    private static ScoredValue<String>[] scored(Map<String, Double> scoredMembers) {
        return scoredMembers.entrySet().stream()
                .map(entry -> ScoredValue.just(entry.getValue(), entry.getKey()))
                .toArray(ScoredValue[]::new);
    }
}
