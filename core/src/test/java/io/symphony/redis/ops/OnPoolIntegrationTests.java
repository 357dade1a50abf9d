package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.symphony.redis.RedisCommandException;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import reactor.test.StepVerifier;

/**
 * {@link RedisOps#onPool(String)} on a real runtime with the original's six aliases: the bound operations reach
 * their alias's DB, failures name that alias, and an unknown alias fails when {@code onPool} is called.
 */
@OnEveryTopology
class OnPoolIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Parameter
    Topology topology;

    private final String key = "onpool-it:" + UUID.randomUUID();
    private SymphonyRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            topology.raw(PoolAliases.DEFAULT_DATABASES.get(PoolAliases.USER)).del(key);
            runtime.close().block(TIMEOUT);
        }
    }

    private RedisOps ops() {
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false)
                .build()).block(TIMEOUT);
        return runtime.ops();
    }

    @Test
    void onPoolUser_writesAndReadsDb11() {
        topology.assumeStandalone("Redis Cluster has DB 0 only, so the user pool cannot be told apart by DB");
        RedisOps ops = ops();
        TestRedis redis = TestRedis.shared();

        ops.onPool(PoolAliases.USER).hset(key, "name", "Ada").as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        assertThat(redis.sync(11).hget(key, "name")).as("DB 11, the user pool's").isEqualTo("Ada");
        assertThat(redis.sync(15).exists(key)).as("DB 15, the default pool's").isZero();
        ops.onPool(PoolAliases.USER).hget(key, "name").as(StepVerifier::create).expectNext("Ada").verifyComplete();
        ops.hget(key, "name").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void ops_boundToDefault_onPoolSharesOneInstancePerAlias() {
        RedisOps ops = ops();
        RedisOps user = ops.onPool(PoolAliases.USER);

        assertThat(ops.alias()).isEqualTo(RedisOps.DEFAULT_ALIAS);
        assertThat(user.alias()).isEqualTo(PoolAliases.USER);
        assertThat(ops.onPool(PoolAliases.USER)).isSameAs(user);
        assertThat(user.onPool(PoolAliases.DEFAULT)).isSameAs(ops);
        assertThat(user).hasToString("RedisOps[alias=user]");
        for (String alias : PoolAliases.DEFAULT_DATABASES.keySet()) {
            assertThat(ops.onPool(alias).alias()).isEqualTo(alias);
        }
    }

    @Test
    void onPool_unknownAlias_throwsAtCallTimeNamingItAndTheKnownAliases() {
        RedisOps ops = ops();

        assertThatIllegalArgumentException().isThrownBy(() -> ops.onPool("usr"))
                .withMessage("Unknown Redis pool alias 'usr'; known aliases: "
                        + "[default, user, handlers, symphony_shared_state, expiry, pubsub]");
        assertThatIllegalArgumentException().isThrownBy(() -> ops.onPool(PoolAliases.USER).onPool("USER"))
                .withMessageContaining("'USER'");
    }

    @Test
    void boundOps_redisFailure_namesTheBoundPool() {
        RedisOps user = ops().onPool(PoolAliases.USER);
        user.set(key, "not a hash").as(StepVerifier::create).expectNext(true).verifyComplete();

        user.hget(key, "f").as(StepVerifier::create).verifyErrorSatisfies(error -> assertThat(error)
                .isInstanceOfSatisfying(RedisCommandException.class, failure -> {
                    assertThat(failure.pool()).isEqualTo(PoolAliases.USER);
                    assertThat(failure.command()).isEqualTo("HGET");
                    assertThat(failure.getMessage()).contains("WRONGTYPE");
                }));
    }

    @Test
    void onPool_isALookup_theSameInstanceEveryTime() {
        RedisOps ops = ops();

        // One bound instance per alias, made once: a call costs a map lookup, not an allocation.
        assertThat(ops.onPool(PoolAliases.USER)).isSameAs(ops.onPool(PoolAliases.USER))
                .isSameAs(ops.onPool(PoolAliases.HANDLERS).onPool(PoolAliases.USER));
    }
}
