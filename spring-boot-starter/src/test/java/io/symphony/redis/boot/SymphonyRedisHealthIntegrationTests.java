package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.listener.ListenerState;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The health indicators against real servers: one component per pool target with its PING latency, the listener's
 * subscription, and both following a server that is killed and started again.
 */
@RedisTest
class SymphonyRedisHealthIntegrationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SymphonyRedisAutoConfiguration.class,
                    SymphonyRedisHealthAutoConfiguration.class))
            .withPropertyValues("symphony.redis.listener.namespace=" + TestRedis.uniqueTenant("health"));

    @Test
    void everyPoolTargetIsAComponentWithItsLatency_andTheListenerIsUp() {
        runner.withPropertyValues("symphony.redis.url=" + TestRedis.shared().uri()).run(context -> {
            CompositeReactiveHealthContributor pools = pools(context);
            for (String alias : PoolAliases.DEFAULT_DATABASES.keySet()) {
                Health health = health(pools, alias);
                assertThat(health.getStatus()).as(alias).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("aliases", List.of(alias))
                        .containsEntry("db", PoolAliases.DEFAULT_DATABASES.get(alias)).containsKey("latencyMillis");
            }
            Health listener = listener(context);
            assertThat(listener.getStatus()).isEqualTo(Status.UP);
            assertThat(listener.getDetails()).containsEntry("state", ListenerState.CONNECTED)
                    .containsKeys("droppedEvents", "unknownActions", "fireLagMaxMillis");
        });
    }

    @Test
    void aliasesOnOneServerAndDbShareOneComponent() {
        String url = TestRedis.shared().uri(3);
        runner.withPropertyValues("symphony.redis.listener.enabled=false", "symphony.redis.alias-urls.default=" + url,
                "symphony.redis.alias-urls.user=" + url, "symphony.redis.alias-urls.handlers=" + url,
                "symphony.redis.alias-urls.symphony_shared_state=" + url, "symphony.redis.alias-urls.expiry=" + url,
                "symphony.redis.alias-urls.pubsub=" + url).run(context -> {
                    CompositeReactiveHealthContributor pools = pools(context);
                    assertThat(pools.stream().map(entry -> entry.name()).toList()).containsExactly("default");
                    assertThat(health(pools, "default").getDetails()).containsEntry("aliases",
                            List.copyOf(PoolAliases.DEFAULT_DATABASES.keySet()));
                });
    }

    @Test
    void aKilledServerIsDownWithinTheTimeout_andUpOnceItIsBack() {
        try (PrivateRedisServer server = PrivateRedisServer.start("--notify-keyspace-events", "Ex")) {
            runner.withPropertyValues("symphony.redis.url=" + server.uri(), "symphony.redis.health.timeout=500ms",
                    "symphony.redis.health.listener-max-disconnected=300ms", "symphony.redis.listener.max-backoff=500ms")
                    .run(context -> {
                        CompositeReactiveHealthContributor pools = pools(context);
                        assertThat(health(pools, "default").getStatus()).isEqualTo(Status.UP);

                        server.kill();

                        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                            assertThat(health(pools, "default").getStatus()).isEqualTo(Status.DOWN);
                            assertThat(health(pools, "expiry").getDetails()).containsKey("error");
                            assertThat(listener(context).getStatus()).isEqualTo(Status.DOWN);
                        });
                        assertThat(listener(context).getDetails()).containsKey("subscriptionLostSince");

                        server.restart();

                        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                            assertThat(health(pools, "default").getStatus()).isEqualTo(Status.UP);
                            assertThat(listener(context).getStatus()).isEqualTo(Status.UP);
                        });
                    });
        }
    }

    private static CompositeReactiveHealthContributor pools(AssertableApplicationContext context) {
        return context.getBean("symphonyRedisHealthContributor", CompositeReactiveHealthContributor.class);
    }

    private static Health health(CompositeReactiveHealthContributor pools, String name) {
        ReactiveHealthIndicator indicator =
                (ReactiveHealthIndicator) Objects.requireNonNull(pools.getContributor(name));
        return Objects.requireNonNull(indicator.health().block(Duration.ofSeconds(5)));
    }

    private static Health listener(AssertableApplicationContext context) {
        ReactiveHealthIndicator indicator = context.getBean("symphonyRedisListenerHealthIndicator",
                ReactiveHealthIndicator.class);
        return Objects.requireNonNull(indicator.health().block(Duration.ofSeconds(5)));
    }
}
