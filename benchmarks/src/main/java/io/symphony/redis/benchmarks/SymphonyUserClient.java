package io.symphony.redis.benchmarks;

import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.repository.RedisUser;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Symphony Redis on its default configuration (shared connections; see {@link #STRATEGY_PROPERTY}): {@code RedisUser.upsert} writes the record
 * with its TTL in one atomic step, {@code RedisUser.get} reads it back typed.
 */
final class SymphonyUserClient implements UserRecordClient {

    /**
     * System property: a {@link ConnectionStrategy} name to run instead of the default, for comparisons such as
     * {@code -jvmArgsAppend -Dsymphony.bench.strategy=SHARED} (one connection, like raw Lettuce).
     */
    static final String STRATEGY_PROPERTY = "symphony.bench.strategy";

    private final SymphonyRuntime runtime;
    private final RepositorySupport support;

    private SymphonyUserClient(SymphonyRuntime runtime) {
        this.runtime = runtime;
        this.support = RepositorySupport.of(runtime.ops(), runtime.codec(), runtime.keys());
    }

    static SymphonyUserClient open(String host, int port) {
        SymphonyRedisConfig.Builder config = SymphonyRedisConfig.builder()
                .url("redis://" + host + ":" + port)
                .keyspaceEvents(false);
        String strategy = System.getProperty(STRATEGY_PROPERTY);
        if (strategy != null) {
            config.connectionStrategy(ConnectionStrategy.valueOf(strategy));
        }
        return new SymphonyUserClient(Objects.requireNonNull(SymphonyRuntime.create(config.build()).block(), "runtime")); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
    }

    @Override
    public Mono<Map<String, Object>> upsertThenGet(int i, Map<String, Object> record) {
        return Mono.defer(() -> {
            RedisUser user = new RedisUser(support, UserRecords.TENANT, UserRecords.userId(i));
            return user.upsert(record, UserRecords.TTL)
                    .then(user.get(UserRecords.TYPES))
                    .map(SymphonyUserClient::nonNullValues);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nonNullValues(Map<String, @Nullable Object> decoded) {
        return (Map<String, Object>) (Map<String, ?>) decoded;
    }

    @Override
    public void close() {
        runtime.close().timeout(Teardown.BOUND, reactor.core.publisher.Mono.empty()).block(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
    }
}
