package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.LocalRedisCluster;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Pool aliases on Cluster: with no DB numbers every alias uses DB 0, and one URL per alias still sends an alias to
 * another cluster (or to a standalone server) while the others stay on the first.
 */
@Tag("integration")
@Tag("cluster")
class ClusterAliasesIntegrationTests {

    private static LocalRedisCluster other;
    private static SymphonyRuntime runtime;

    @BeforeAll
    static void start() {
        other = LocalRedisCluster.start(3, 0);
        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .url(LocalRedisCluster.shared().uri())
                .aliasUrl(PoolAliases.USER, other.uri())
                .aliasUrl(PoolAliases.PUBSUB, TestRedis.shared().uri(3))
                .keyspaceEvents(false)
                .build();
        runtime = SymphonyRuntime.create(config).block(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close().block(Duration.ofSeconds(10));
        }
        other.close();
    }

    @Test
    void everyClusterAliasUsesDbZero_andTheStandaloneAliasKeepsItsDb() {
        assertThat(runtime.connections().cluster()).isTrue();
        for (String alias : PoolAliases.DEFAULT_DATABASES.keySet()) {
            int expected = alias.equals(PoolAliases.PUBSUB) ? 3 : 0;
            assertThat(runtime.connections().alias(alias).db()).as("DB of %s", alias).isEqualTo(expected);
        }
    }

    @Test
    void anAliasWithItsOwnClusterUrl_writesToThatClusterOnly() {
        String key = TestRedis.uniqueTenant("alias") + ":probe";

        StepVerifier.create(runtime.ops().onPool(PoolAliases.USER).set(key, "on-the-other-cluster")
                        .then(runtime.ops().onPool(PoolAliases.HANDLERS).set(key, "on-the-shared-cluster"))
                        .then(runtime.ops().onPool(PoolAliases.PUBSUB).set(key, "on-the-standalone-server")))
                .expectNext(true)
                .verifyComplete();

        assertThat(other.sync().get(key)).isEqualTo("on-the-other-cluster");
        assertThat(LocalRedisCluster.shared().sync().get(key)).isEqualTo("on-the-shared-cluster");
        assertThat(TestRedis.shared().sync(3).get(key)).isEqualTo("on-the-standalone-server");
        StepVerifier.create(runtime.ops().onPool(PoolAliases.DEFAULT).get(key))
                .expectNext("on-the-shared-cluster")
                .verifyComplete();
        other.sync().del(key);
        LocalRedisCluster.shared().sync().del(key);
        TestRedis.shared().sync(3).del(key);
    }
}
