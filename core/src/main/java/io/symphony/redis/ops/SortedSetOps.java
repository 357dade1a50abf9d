package io.symphony.redis.ops;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sorted-set commands, one Redis command each. */
final class SortedSetOps {

    private final Executor executor;

    SortedSetOps(Executor executor) {
        this.executor = executor;
    }

    Mono<Long> zadd(String key, double score, String member, String alias) {
        Args.key(key);
        Args.notNull(member, "member");
        return executor.mono("ZADD", key, alias, c -> c.zadd(key, score, member));
    }

    Mono<Long> zadd(String key, Map<String, Double> scoredMembers, String alias) {
        Args.key(key);
        ScoredValue<String>[] values = scored(Args.nonEmpty(scoredMembers, "scoredMembers"));
        return executor.mono("ZADD", key, alias, c -> c.zadd(key, values));
    }

    Flux<String> zrangebyscore(String key, double min, double max, String alias) {
        Args.key(key);
        return executor.flux("ZRANGEBYSCORE", key, alias, c -> c.zrangebyscore(key, Range.create(min, max)));
    }

    Flux<String> zrangebyscore(String key, double min, double max, long offset, long count, String alias) {
        Args.key(key);
        Limit limit = Limit.create(offset, count);
        return executor.flux("ZRANGEBYSCORE", key, alias, c -> c.zrangebyscore(key, Range.create(min, max), limit));
    }

    Mono<Long> zrem(String key, Collection<String> members, String alias) {
        Args.key(key);
        String[] array = Args.nonEmpty(members, "members");
        return executor.mono("ZREM", key, alias, c -> c.zrem(key, array));
    }

    Mono<Double> zscore(String key, String member, String alias) {
        Args.key(key);
        Args.notNull(member, "member");
        return executor.mono("ZSCORE", key, alias, c -> c.zscore(key, member));
    }

    @SuppressWarnings("unchecked")
    private static ScoredValue<String>[] scored(Map<String, Double> scoredMembers) {
        return scoredMembers.entrySet().stream()
                .map(entry -> ScoredValue.just(entry.getValue(), entry.getKey()))
                .toArray(ScoredValue[]::new);
    }
}
