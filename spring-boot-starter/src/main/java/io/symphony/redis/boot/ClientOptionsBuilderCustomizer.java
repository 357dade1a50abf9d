package io.symphony.redis.boot;

import io.lettuce.core.ClientOptions;

/**
 * Customise the Lettuce {@link ClientOptions} of every client the auto-configured runtime creates (standalone,
 * Sentinel and Cluster), as Spring Boot's {@code LettuceClientOptionsBuilderCustomizer} does for Spring Data Redis.
 * Every bean of this type is applied, in {@code @Order}/{@code Ordered} order, after the toolkit's own settings
 * (timeouts, disconnected behaviour, TLS), so it can override them: prefer the {@code symphony.redis.*} property
 * where there is one.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ClientOptionsBuilderCustomizer {

    /** Change {@code builder} in place. */
    void customize(ClientOptions.Builder builder);
}
