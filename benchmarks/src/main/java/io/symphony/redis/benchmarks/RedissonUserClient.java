package io.symphony.redis.benchmarks;

import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RMapReactive;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.codec.JsonJacksonCodec;
import org.redisson.config.Config;
import reactor.core.publisher.Mono;

/**
 * Redisson as its users write it: an {@code RMapReactive} per record with the {@code JsonJacksonCodec},
 * {@code putAll} then {@code expire} then {@code readAllMap}, on Redisson's default connection pool.
 */
final class RedissonUserClient implements UserRecordClient {

    private final RedissonClient client;
    private final RedissonReactiveClient reactive;
    private final JsonJacksonCodec codec = new JsonJacksonCodec();

    private RedissonUserClient(RedissonClient client) {
        this.client = client;
        this.reactive = client.reactive();
    }

    static RedissonUserClient open(String host, int port) {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://" + host + ":" + port);
        return new RedissonUserClient(Redisson.create(config));
    }

    @Override
    public Mono<Map<String, Object>> upsertThenGet(int i, Map<String, Object> record) {
        return Mono.defer(() -> {
            RMapReactive<String, Object> map = reactive.getMap(UserRecords.rawKey(i), codec);
            return map.putAll(record)
                    .then(map.expire(UserRecords.TTL))
                    .then(map.readAllMap());
        });
    }

    @Override
    public void close() {
        client.shutdown(0, Teardown.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
