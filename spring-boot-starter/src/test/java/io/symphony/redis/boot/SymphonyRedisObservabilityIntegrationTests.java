package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.symphony.redis.micrometer.SymphonyObservability;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The observability binding: with a {@link MeterRegistry} bean the runtime, repositories and listener record the
 * toolkit's meters on it; without one, or switched off, or without symphony-redis-micrometer, nothing is bound.
 */
@RedisTest
class SymphonyRedisObservabilityIntegrationTests {

    private final String namespace = TestRedis.uniqueTenant("obs");
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SymphonyRedisAutoConfiguration.class,
                    SymphonyRedisObservabilityAutoConfiguration.class))
            .withPropertyValues("symphony.redis.url=" + TestRedis.shared().uri(),
                    "symphony.redis.listener.namespace=" + namespace);

    @Test
    void triggerRepositoryAndCommandMeters_landOnTheApplicationsRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withBean("pings", SymphonyRedisAutoConfigurationIntegrationTests.PingHandlers.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SymphonyObservability.class);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    context.getBean(SymphonyRepositories.class).trigger(TestRedis.uniqueTenant("t"))
                            .inNamespace(namespace).set("starter_ping", "id-1", Duration.ofMillis(100)).block();

                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        assertThat(meters.find("symphony.redis.trigger.set").counter()).isNotNull()
                                .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
                        assertThat(meters.find("symphony.redis.trigger.fired").counters())
                                .anySatisfy(counter -> assertThat(counter.count()).isEqualTo(1.0));
                        assertThat(meters.find("symphony.redis.listener.state").gauges()).isNotEmpty();
                        assertThat(meters.find("lettuce.command.completion").timers()).isNotEmpty();
                    });
                });
    }

    @Test
    void nothingIsBound_withoutARegistry_switchedOff_orWithoutTheModule() {
        runner.withPropertyValues("symphony.redis.listener.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(SymphonyObservability.class));
        runner.withPropertyValues("symphony.redis.listener.enabled=false", "symphony.redis.observability.enabled=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SymphonyObservability.class));
        runner.withPropertyValues("symphony.redis.listener.enabled=false")
                .withClassLoader(new FilteredClassLoader(SymphonyObservability.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SymphonyObservability.class));
    }
}
