package io.symphony.redis.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.symphony.redis.micrometer.SymphonyObservability;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Metrics and traces, when the application has a {@link MeterRegistry} (spring-boot-starter-actuator) and
 * {@code symphony-redis-micrometer} is on the class path: one {@link SymphonyObservability} on the application's
 * {@code MeterRegistry} and (when there is one) {@code ObservationRegistry}, applied to the auto-configured runtime
 * (Lettuce command latency per pool, command observations, connection state and re-connects, {@code POOLED} pool
 * usage), repositories (one observation per call; trigger set and cancelled counters) and trigger listener (trigger,
 * sweep, lease and listener meters; a handler observation continuing the trace of the request that set the
 * trigger). Settings under {@code symphony.redis.observability.*}; off with
 * {@code symphony.redis.observability.enabled=false}. The three customizers run last, so the trace propagator
 * survives an application customizer that sets the listener's context propagators.
 *
 * @since 0.1
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({SymphonyObservability.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "symphony.redis.observability.enabled", matchIfMissing = true)
public class SymphonyRedisObservabilityAutoConfiguration {

    /** Create the auto-configuration (Spring calls this). */
    public SymphonyRedisObservabilityAutoConfiguration() {
    }

    /** The instrumentation on the application's registries, from {@code symphony.redis.observability.*}. */
    @Bean
    @ConditionalOnMissingBean
    public SymphonyObservability symphonyObservability(MeterRegistry meters,
            ObjectProvider<ObservationRegistry> observations, SymphonyRedisProperties properties) {
        SymphonyRedisProperties.Observability settings = properties.getObservability();
        SymphonyObservability.Builder builder = SymphonyObservability.builder(meters)
                .tenantTag(settings.isTenantTag())
                .commandLatency(settings.isCommandLatency())
                .commandLatencyHistogram(settings.isCommandLatencyHistogram())
                .commandTracing(settings.isCommandTracing());
        ConfigMapping.set("observability.due-index-poll-interval", settings.getDueIndexPollInterval(),
                () -> builder.dueIndexPollInterval(settings.getDueIndexPollInterval()));
        observations.ifAvailable(builder::observationRegistry);
        return builder.build();
    }

    /** Instruments the runtime's configuration (commands, connections, pools). */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SymphonyRedisConfigCustomizer symphonyObservabilityConfigCustomizer(SymphonyObservability observability) {
        return observability::instrument;
    }

    /** Instruments the repositories' support (an observation per call, trigger counters, trace propagation). */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    RepositorySupportCustomizer symphonyObservabilityRepositoryCustomizer(SymphonyObservability observability) {
        return observability::instrument;
    }

    /** Instruments the trigger listener (its meters, handler observations continuing the trigger's trace). */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    TriggerListenerOptionsCustomizer symphonyObservabilityListenerCustomizer(SymphonyObservability observability) {
        return observability::instrument;
    }
}
