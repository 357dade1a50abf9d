package io.symphony.redis.boot;

import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.runtime.SymphonyRuntime;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health indicators, when the application has Boot's health support (spring-boot-starter-actuator):
 * {@code symphonyRedis}, one component per pool target ({@code PING} with its latency), and
 * {@code symphonyRedisListener}, the trigger listener's expiry subscription. Both are in the readiness group when
 * the health probes are on ({@link SymphonyRedisEnvironmentPostProcessor}); switched off together with
 * {@code management.health.symphony-redis.enabled=false}.
 *
 * @since 0.1
 */
@AutoConfiguration(after = SymphonyRedisAutoConfiguration.class)
@ConditionalOnClass({ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(SymphonyRuntime.class)
@ConditionalOnEnabledHealthIndicator("symphony-redis")
public class SymphonyRedisHealthAutoConfiguration {

    /** Create the auto-configuration (Spring calls this). */
    public SymphonyRedisHealthAutoConfiguration() {
    }

    /** One indicator per pool target, under {@code symphonyRedis}. */
    @Bean
    @ConditionalOnMissingBean(name = "symphonyRedisHealthContributor")
    ReactiveHealthContributor symphonyRedisHealthContributor(SymphonyRuntime runtime,
            SymphonyRedisProperties properties) {
        return PoolTargetHealthIndicator.perTarget(runtime, properties.getHealth().getTimeout());
    }

    /** The trigger listener's indicator, {@code symphonyRedisListener}, when the listener runs here. */
    @Bean
    @ConditionalOnBean({ListenerConnectivity.class, TriggerListener.class})
    @ConditionalOnMissingBean(name = "symphonyRedisListenerHealthIndicator")
    ReactiveHealthIndicator symphonyRedisListenerHealthIndicator(ListenerConnectivity connectivity,
            TriggerListener listener, TriggerRegistry registry, SymphonyRedisProperties properties) {
        return new ListenerHealthIndicator(connectivity, listener, registry,
                properties.getHealth().getListenerMaxDisconnected());
    }
}
