package io.symphony.redis.repository;

import io.lettuce.core.api.sync.RedisCommands;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;

/**
 * One runtime on the shared test server for a test class, the repository support built from it, raw connections
 * to each alias's DB for asserting stored bytes and TTLs, and unique tenants so tests never flush.
 */
final class RepositoryFixture implements AutoCloseable {

    final TestRedis redis = TestRedis.shared();
    final SymphonyRuntime runtime;
    final RepositorySupport support;

    RepositoryFixture() {
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(redis.uri()).keyspaceEvents(false).build())
                .block(Duration.ofSeconds(10));
        support = RepositorySupport.of(runtime.ops(), runtime.codec(), runtime.keys());
    }

    /** A tenant no other test uses. */
    String tenant() {
        return TestRedis.uniqueTenant("t");
    }

    /** Raw commands on the DB of {@code alias} (from the default table). */
    RedisCommands<String, String> raw(String alias) {
        return redis.sync(PoolAliases.DEFAULT_DATABASES.get(alias));
    }

    @Override
    public void close() {
        runtime.close().block(Duration.ofSeconds(10));
    }
}
