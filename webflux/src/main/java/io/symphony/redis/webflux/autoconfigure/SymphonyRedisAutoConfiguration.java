package io.symphony.redis.webflux.autoconfigure;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.webflux.HeaderTenantResolver;
import io.symphony.redis.webflux.SymphonyWebFilter;
import io.symphony.redis.webflux.TenantResolver;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * Create the Symphony Redis beans of a Boot application from {@link SymphonyRedisProperties}; every bean backs off
 * when the application defines its own of that type.
 *
 * <ul>
 *   <li>{@link SymphonyRedisConfig} from the properties, and the {@link SymphonyRuntime} on it, connected at
 *       start-up (a wrong URL fails the start) and closed at shutdown; a runtime the application defines itself
 *       is never closed by us;
 *   <li>{@link SymphonyRepositories} and its {@link RepositorySupport} on the runtime;
 *   <li>a {@link HeaderTenantResolver} and the {@link SymphonyWebFilter} ({@code symphony.redis.web.enabled});
 *   <li>a {@link TriggerRegistry} for the application's handlers, and a {@link TriggerListener} started once every
 *       bean exists and stopped at shutdown ({@code symphony.redis.listener.enabled}).
 * </ul>
 *
 * @since 0.1
 */
@AutoConfiguration
@ConditionalOnClass(SymphonyRuntime.class)
@EnableConfigurationProperties(SymphonyRedisProperties.class)
public class SymphonyRedisAutoConfiguration {

    /** The longest start-up waits for the runtime to connect, or the listener to subscribe. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** Create the auto-configuration (Spring calls this). */
    public SymphonyRedisAutoConfiguration() {
    }

    /** The core configuration, from the properties. */
    @Bean
    @ConditionalOnMissingBean
    public SymphonyRedisConfig symphonyRedisConfig(SymphonyRedisProperties properties) {
        return properties.toConfig();
    }

    /**
     * The repository factory on the runtime, with the original's defaults (one-day TTL, UTC clock) and the Cluster
     * layouts when the runtime is connected to a Cluster.
     */
    @Bean
    @ConditionalOnMissingBean
    public SymphonyRepositories symphonyRepositories(SymphonyRuntime runtime) {
        return SymphonyRepositories.of(runtime);
    }

    /** The repository support of {@link #symphonyRepositories}, for repositories built by hand. */
    @Bean
    @ConditionalOnMissingBean
    public RepositorySupport symphonyRepositorySupport(SymphonyRepositories repositories) {
        return repositories.support();
    }

    /** An empty registry; register handlers on it from your own beans before the context finishes starting. */
    @Bean
    @ConditionalOnMissingBean
    public TriggerRegistry symphonyTriggerRegistry() {
        return TriggerRegistry.create();
    }

    /** The runtime and its closer, only when the application defines no runtime of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(SymphonyRuntime.class)
    static class RuntimeConfiguration {

        @Bean(destroyMethod = "")
        SymphonyRuntime symphonyRuntime(SymphonyRedisConfig config) {
            // allowed-blocking: application start-up on the main thread; the beans below need a connected runtime
            return Objects.requireNonNull(SymphonyRuntime.create(config).block(START_TIMEOUT), "runtime"); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
        }

        @Bean
        RuntimeCloser symphonyRuntimeCloser(SymphonyRuntime runtime) {
            return new RuntimeCloser(runtime);
        }
    }

    /** The trigger listener and its lifecycle. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "symphony.redis.listener.enabled", matchIfMissing = true)
    static class ListenerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TriggerListener symphonyTriggerListener(SymphonyRuntime runtime, TriggerRegistry registry) {
            return TriggerListener.create(runtime, registry);
        }

        @Bean
        ListenerLifecycle symphonyTriggerListenerLifecycle(TriggerListener listener) {
            return new ListenerLifecycle(listener);
        }
    }

    /** The request filter and its resolver. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebFilter.class)
    @ConditionalOnBooleanProperty(name = "symphony.redis.web.enabled", matchIfMissing = true)
    static class WebConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TenantResolver symphonyTenantResolver(SymphonyRedisProperties properties) {
            return new HeaderTenantResolver(properties.web().tenantHeader(), properties.web().userHeader());
        }

        @Bean
        @ConditionalOnMissingBean
        SymphonyWebFilter symphonyWebFilter(RepositorySupport support, TenantResolver resolver) {
            return new SymphonyWebFilter(support, resolver);
        }
    }
}
