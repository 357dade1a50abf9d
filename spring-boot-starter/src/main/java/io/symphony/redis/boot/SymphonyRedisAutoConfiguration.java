package io.symphony.redis.boot;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerListenerOptions;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.webflux.HeaderTenantResolver;
import io.symphony.redis.webflux.SymphonyWebFilter;
import io.symphony.redis.webflux.TenantResolver;
import java.time.Clock;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
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
 *   <li>{@link SymphonyRedisConnectionDetails} from {@code symphony.redis.url}/{@code alias-urls} (a bean of the
 *       application's, e.g. from {@code @ServiceConnection}, wins), the {@link SymphonyRedisConfig} from the
 *       properties and every {@link SymphonyRedisConfigCustomizer}, and the {@link SymphonyRuntime} on it, connected
 *       at start-up (a wrong URL fails the start, naming the property) and closed at shutdown; a runtime the
 *       application defines itself is never closed by us;
 *   <li>{@link SymphonyRepositories} and its {@link RepositorySupport} on the runtime;
 *   <li>a {@link TriggerRegistry} ({@code symphony.redis.listener.*}, {@link TriggerRegistryCustomizer}) into which
 *       the {@code @OnTrigger} methods of every bean are registered, and a {@link TriggerListener}
 *       ({@link TriggerListenerOptionsCustomizer}) started once every bean exists and drained at shutdown
 *       ({@code symphony.redis.listener.enabled});
 *   <li>a {@link HeaderTenantResolver} and the {@link SymphonyWebFilter} ({@code symphony.redis.web.*}).
 * </ul>
 *
 * @since 0.1
 */
@AutoConfiguration
@ConditionalOnClass(SymphonyRuntime.class)
@EnableConfigurationProperties(SymphonyRedisProperties.class)
public class SymphonyRedisAutoConfiguration {

    /** Create the auto-configuration (Spring calls this). */
    public SymphonyRedisAutoConfiguration() {
    }

    /** Where to connect, from {@code symphony.redis.url} and {@code symphony.redis.alias-urls.*}. */
    @Bean
    @ConditionalOnMissingBean(SymphonyRedisConnectionDetails.class)
    SymphonyRedisConnectionDetails symphonyRedisConnectionDetails(SymphonyRedisProperties properties) {
        return new PropertiesSymphonyRedisConnectionDetails(properties);
    }

    /**
     * The core configuration, from the properties, the connection details and the customizers: the Lettuce
     * {@link ClientResourcesBuilderCustomizer}s and {@link ClientOptionsBuilderCustomizer}s (in order), then the
     * {@link SymphonyRedisConfigCustomizer}s.
     *
     * @throws InvalidSymphonyRedisPropertyException naming the property whose value the toolkit rejects
     */
    @Bean
    @ConditionalOnMissingBean
    public SymphonyRedisConfig symphonyRedisConfig(SymphonyRedisProperties properties,
            SymphonyRedisConnectionDetails connectionDetails,
            ObjectProvider<ClientResourcesBuilderCustomizer> resourcesCustomizers,
            ObjectProvider<ClientOptionsBuilderCustomizer> optionsCustomizers,
            ObjectProvider<SymphonyRedisConfigCustomizer> customizers) {
        SymphonyRedisConfig.Builder builder = ConfigMapping.builder(properties, connectionDetails);
        resourcesCustomizers.orderedStream()
                .forEach(customizer -> builder.clientResourcesCustomizer(customizer::customize));
        optionsCustomizers.orderedStream().forEach(customizer -> builder.clientOptionsCustomizer(customizer::customize));
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return ConfigMapping.build(builder, connectionDetails);
    }

    /**
     * The repository factory on the runtime, with {@code symphony.redis.repositories.*} (by default the original's
     * one-day TTL), every {@link RepositorySupportCustomizer}, and the Cluster layouts when the runtime is connected
     * to a Cluster.
     */
    @Bean
    @ConditionalOnMissingBean
    public SymphonyRepositories symphonyRepositories(SymphonyRuntime runtime, SymphonyRedisProperties properties,
            ObjectProvider<RepositorySupportCustomizer> customizers) {
        RepositorySupport.Builder support = ConfigMapping.repositorySupport(runtime, properties.getRepositories());
        customizers.orderedStream().forEach(customizer -> customizer.customize(support));
        return SymphonyRepositories.of(support.build(), runtime.connections().cluster());
    }

    /** The repository support of {@link #symphonyRepositories}, for repositories built by hand. */
    @Bean
    @ConditionalOnMissingBean
    public RepositorySupport symphonyRepositorySupport(SymphonyRepositories repositories) {
        return repositories.support();
    }

    /** The registry of the application's handlers, from {@code symphony.redis.listener.*} and the customizers. */
    @Bean
    @ConditionalOnMissingBean
    public TriggerRegistry symphonyTriggerRegistry(SymphonyRedisProperties properties,
            ObjectProvider<TriggerRegistryCustomizer> customizers) {
        TriggerRegistry.Builder builder = ListenerMapping.registry(properties.getListener());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** Registers the {@code @OnTrigger} methods of every bean; static, so it is created before any other bean. */
    @Bean
    static OnTriggerRegistrar symphonyOnTriggerRegistrar(ObjectProvider<TriggerRegistry> registry) {
        return new OnTriggerRegistrar(registry);
    }

    /** The runtime and its closer, only when the application defines no runtime of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(SymphonyRuntime.class)
    static class RuntimeConfiguration {

        @Bean(destroyMethod = "")
        SymphonyRuntime symphonyRuntime(SymphonyRedisConfig config, SymphonyRedisProperties properties) {
            // allowed-blocking: application start-up on the main thread; the beans below need a connected runtime
            return Objects.requireNonNull(SymphonyRuntime.create(config).block(properties.getStartTimeout()), "runtime"); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
        }

        @Bean
        RuntimeCloser symphonyRuntimeCloser(SymphonyRuntime runtime, SymphonyRedisProperties properties) {
            return new RuntimeCloser(runtime, properties.getStartTimeout());
        }
    }

    /** The trigger listener and its lifecycle. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "symphony.redis.listener.enabled", matchIfMissing = true)
    static class ListenerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TriggerListener symphonyTriggerListener(SymphonyRuntime runtime, TriggerRegistry registry,
                SymphonyRedisProperties properties, ObjectProvider<TriggerListenerOptionsCustomizer> customizers) {
            TriggerListenerOptions.Builder options = ListenerMapping.options(properties.getListener());
            customizers.orderedStream().forEach(customizer -> customizer.customize(options));
            TriggerListenerOptions built = options.build();
            try {
                return TriggerListener.create(runtime, registry, built);
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                boolean lease = message.startsWith("lease");
                throw new InvalidSymphonyRedisPropertyException(
                        "symphony.redis.listener." + (lease ? "lease" : "pool"),
                        lease ? String.valueOf(built.lease().orElse(null)) : built.events().pool(), message, e);
            }
        }

        @Bean
        ListenerConnectivity symphonyListenerConnectivity() {
            return new ListenerConnectivity(Clock.systemUTC());
        }

        @Bean
        ListenerLifecycle symphonyTriggerListenerLifecycle(TriggerListener listener,
                ListenerConnectivity connectivity, SymphonyRedisProperties properties) {
            return new ListenerLifecycle(listener, connectivity, properties.getListener().getStartTimeout());
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
            SymphonyRedisProperties.Web web = properties.getWeb();
            return ConfigMapping.create("web.tenant-header", web.getTenantHeader() + ", user-header "
                    + web.getUserHeader(), () -> new HeaderTenantResolver(web.getTenantHeader(), web.getUserHeader()));
        }

        @Bean
        @ConditionalOnMissingBean
        SymphonyWebFilter symphonyWebFilter(RepositorySupport support, TenantResolver resolver,
                SymphonyRedisProperties properties) {
            SymphonyRedisProperties.Web web = properties.getWeb();
            SymphonyWebFilter.Builder builder = SymphonyWebFilter.builder(support, resolver).order(web.getOrder());
            ConfigMapping.set("web.require-tenant", web.getRequireTenant(),
                    () -> builder.requireTenant(web.getRequireTenant()));
            return builder.build();
        }
    }
}
