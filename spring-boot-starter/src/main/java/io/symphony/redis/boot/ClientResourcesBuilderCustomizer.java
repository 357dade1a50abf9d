package io.symphony.redis.boot;

import io.lettuce.core.resource.ClientResources;

/**
 * Customise the Lettuce {@link ClientResources} the auto-configured runtime creates (event loops, timers, command
 * latency recording, tracing), as Spring Boot's {@code ClientResourcesBuilderCustomizer} does for Spring Data Redis.
 * Every bean of this type is applied, in {@code @Order}/{@code Ordered} order, after the toolkit's own settings
 * (the reconnect delay); not applied to a runtime the application creates itself.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ClientResourcesBuilderCustomizer {

    /** Change {@code builder} in place. */
    void customize(ClientResources.Builder builder);
}
