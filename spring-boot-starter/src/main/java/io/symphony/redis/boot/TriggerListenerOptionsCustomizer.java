package io.symphony.redis.boot;

import io.symphony.redis.listener.TriggerListenerOptions;

/**
 * Customise the trigger listener's options, after the {@code symphony.redis.listener.*} properties are applied: set
 * what only code can, such as the handler scheduler, the clock or the context propagators. Every bean of this type
 * is applied, in {@code @Order}/{@code Ordered} order, to the builder of the auto-configured bean; an application
 * that defines that bean itself is not customised.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TriggerListenerOptionsCustomizer {

    /** Change {@code builder} in place; a rejected value throws {@link IllegalArgumentException} at start-up. */
    void customize(TriggerListenerOptions.Builder builder);
}
