package io.symphony.redis.webflux.autoconfigure;

import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.webflux.HeaderTenantResolver;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code symphony.redis.*} properties.
 *
 * <pre>
 * symphony.redis.url=redis://localhost:6379          # one server, one DB per alias
 * symphony.redis.alias-urls.user=redis://cache:6379/11 # per alias, verbatim (others fall back to url)
 * symphony.redis.strategy=SHARED                     # or POOLED, SHARED_ROUND_ROBIN
 * symphony.redis.pool-size=8
 * symphony.redis.command-timeout=10s                 # also the tools' wait per Redis call
 * symphony.redis.listener.enabled=true               # run the trigger listener in this instance
 * symphony.redis.web.enabled=true                    # register the request filter
 * symphony.redis.web.tenant-header=X-Tenant-Id
 * symphony.redis.web.user-header=X-User-Id
 * </pre>
 *
 * @param url the single URL; {@code null} when only {@code alias-urls} are used
 * @param aliasUrls a URL per pool alias
 * @param strategy how connections are shared
 * @param poolSize connections per server and DB with {@code POOLED} and {@code SHARED_ROUND_ROBIN}
 * @param commandTimeout the command timeout
 * @param listener the trigger listener's settings
 * @param web the request filter's settings
 * @since 0.1
 */
@ConfigurationProperties("symphony.redis")
public record SymphonyRedisProperties(@Nullable String url, @Nullable Map<String, String> aliasUrls,
        @DefaultValue("SHARED") ConnectionStrategy strategy, @DefaultValue("8") int poolSize,
        @DefaultValue("10s") Duration commandTimeout, @DefaultValue Listener listener, @DefaultValue Web web) {

    /** Build the core configuration these properties describe. */
    public SymphonyRedisConfig toConfig() {
        SymphonyRedisConfig.Builder builder = SymphonyRedisConfig.builder()
                .connectionStrategy(strategy)
                .poolSize(poolSize)
                .commandTimeout(commandTimeout);
        if (url != null) {
            builder.url(url);
        }
        if (aliasUrls != null) {
            builder.aliasUrls(aliasUrls);
        }
        return builder.build();
    }

    /**
     * The trigger listener's settings.
     *
     * @param enabled whether this instance runs the listener (every instance may: each trigger fires once)
     */
    public record Listener(@DefaultValue("true") boolean enabled) {
    }

    /**
     * The request filter's settings.
     *
     * @param enabled whether the filter is registered
     * @param tenantHeader the header {@link HeaderTenantResolver} reads the tenant from
     * @param userHeader the header {@link HeaderTenantResolver} reads the user from
     */
    public record Web(@DefaultValue("true") boolean enabled,
            @DefaultValue(HeaderTenantResolver.DEFAULT_TENANT_HEADER) String tenantHeader,
            @DefaultValue(HeaderTenantResolver.DEFAULT_USER_HEADER) String userHeader) {
    }
}
