package io.symphony.redis.ops;

import io.lettuce.core.KeyValue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Hash commands, one Redis command each. */
final class HashOps {

    private final Executor executor;

    HashOps(Executor executor) {
        this.executor = executor;
    }

    Mono<Boolean> hset(String key, String field, String value, String alias) {
        Args.key(key);
        Args.notNull(field, "field");
        Args.notNull(value, "value");
        return executor.mono("HSET", key, alias, c -> c.hset(key, field, value));
    }

    Mono<Long> hset(String key, Map<String, String> fields, String alias) {
        Args.key(key);
        Map<String, String> copy = Map.copyOf(Args.nonEmpty(fields, "fields"));
        return executor.mono("HSET", key, alias, c -> c.hset(key, copy));
    }

    Mono<Boolean> hsetnx(String key, String field, String value, String alias) {
        Args.key(key);
        Args.notNull(field, "field");
        Args.notNull(value, "value");
        return executor.mono("HSETNX", key, alias, c -> c.hsetnx(key, field, value));
    }

    Mono<String> hget(String key, String field, String alias) {
        Args.key(key);
        Args.notNull(field, "field");
        return executor.mono("HGET", key, alias, c -> c.hget(key, field));
    }

    Mono<Map<String, String>> hgetall(String key, String alias) {
        Args.key(key);
        return executor.mono("HGETALL", key, alias, c -> c.hgetall(key)
                .<Map<String, String>>collect(LinkedHashMap::new, HashOps::put)
                .filter(map -> !map.isEmpty()));
    }

    Mono<Boolean> hexists(String key, String field, String alias) {
        Args.key(key);
        Args.notNull(field, "field");
        return executor.mono("HEXISTS", key, alias, c -> c.hexists(key, field));
    }

    Mono<Long> hdel(String key, Collection<String> fields, String alias) {
        Args.key(key);
        String[] array = Args.nonEmpty(fields, "fields");
        return executor.mono("HDEL", key, alias, c -> c.hdel(key, array));
    }

    Mono<Long> hincrby(String key, String field, long amount, String alias) {
        Args.key(key);
        Args.notNull(field, "field");
        return executor.mono("HINCRBY", key, alias, c -> c.hincrby(key, field, amount));
    }

    Mono<Double> hincrbyfloat(String key, String field, double amount, String alias) {
        Args.key(key);
        Args.notNull(field, "field");
        return executor.mono("HINCRBYFLOAT", key, alias, c -> c.hincrbyfloat(key, field, amount));
    }

    private static void put(Map<String, String> map, KeyValue<String, String> entry) {
        map.put(entry.getKey(), entry.getValue());
    }
}
