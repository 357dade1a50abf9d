package io.symphony.redis.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Mark a method of a handler object as the handler of one action (the original's {@code @on_expire_action}); the
 * method takes one {@link TriggerEvent} and returns a {@code Mono}, a {@code Flux}, a {@code CompletionStage} or
 * nothing ({@code void}, may block); the occurrence is acknowledged once that work completes (see
 * {@link TriggerRegistry#register(Object)}).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnTrigger {

    /** The action name, exactly as given to {@code RedisTrigger.set}. */
    String value();
}
