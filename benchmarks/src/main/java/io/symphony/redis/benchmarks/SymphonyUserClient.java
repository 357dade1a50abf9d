package io.symphony.redis.benchmarks;

import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Symphony Redis on its default configuration (shared connections): the record is written with its TTL in one
 * atomic step and read back typed.
 */
final class SymphonyUserClient implements UserRecordClient {

    private final SymphonyRuntime runtime;

    private SymphonyUserClient(SymphonyRuntime runtime) {
        this.runtime = runtime;
    }

    static SymphonyUserClient open(String host, int port) {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .url("redis://" + host + ":" + port)
                .keyspaceEvents(false)
                .build();
        return new SymphonyUserClient(SymphonyRuntime.create(config).block());
    }

    @Override
    public Mono<Map<String, Object>> upsertThenGet(int i, Map<String, Object> record) {
        String key = runtime.keys().userKey(UserRecords.TENANT, UserRecords.userId(i));
        return Mono.defer(() -> runtime.ops()
                .hsetWithExpire(key, runtime.codec().encodeHash(record), UserRecords.TTL, PoolAliases.USER)
                .then(runtime.ops().hgetall(key, PoolAliases.USER))
                .map(raw -> nonNullValues(runtime.codec().decodeHash(key, raw, UserRecords.TYPES))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nonNullValues(Map<String, @Nullable Object> decoded) {
        return (Map<String, Object>) (Map<String, ?>) decoded;
    }

    @Override
    public void close() {
        runtime.close().block();
    }
}
