package io.symphony.redis.boot;

import io.symphony.redis.listener.TriggerRegistry;

/**
 * Customise the trigger registry's builder, after the {@code symphony.redis.listener.*} properties are applied
 * (namespace, concurrency, broadcast, unhandled actions, retry policy). Every bean of this type is applied, in
 * {@code @Order}/{@code Ordered} order, to the builder of the auto-configured bean; an application that defines
 * that bean itself is not customised.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TriggerRegistryCustomizer {

    /** Change {@code builder} in place; a rejected value throws {@link IllegalArgumentException} at start-up. */
    void customize(TriggerRegistry.Builder builder);
}
