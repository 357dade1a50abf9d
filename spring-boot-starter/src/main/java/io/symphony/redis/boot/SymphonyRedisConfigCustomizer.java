package io.symphony.redis.boot;

import io.symphony.redis.config.SymphonyRedisConfig;

/**
 * Customise the configuration builder, after the {@code symphony.redis.*} properties and connection details are
 * applied and before {@code build()}: add aliases, set what no property covers, or override a property. Every bean
 * of this type is applied, in {@code @Order}/{@code Ordered} order, to the builder of the auto-configured bean; an
 * application that defines that bean itself is not customised.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SymphonyRedisConfigCustomizer {

    /** Change {@code builder} in place; a rejected value throws {@link IllegalArgumentException} at start-up. */
    void customize(SymphonyRedisConfig.Builder builder);
}
