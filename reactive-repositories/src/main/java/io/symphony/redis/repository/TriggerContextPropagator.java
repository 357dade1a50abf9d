package io.symphony.redis.repository;

import java.util.Optional;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Carry one application-chosen Reactor {@code Context} entry (a trace parent, a locale, a request id) from where a
 * trigger is set to where its handler runs. {@link RedisTrigger#set} calls {@link #capture} with the subscriber's
 * context and stores the value with the trigger (not in its TTL key); the listener calls {@link #restore} on the
 * handler's context. Register the same propagators on both sides ({@code RedisTrigger.withContextPropagators} and
 * the listener's options). Implementations must be thread-safe and must not block.
 *
 * <p>Values are bounded: at most {@value #MAX_VALUE_CHARS} characters each and {@value #MAX_PROPAGATORS}
 * propagators per trigger; a larger value fails the {@code set} with {@link IllegalArgumentException} naming the
 * propagator. Do not carry secrets: the value is stored in Redis in clear text.
 *
 * @since 0.1
 */
public interface TriggerContextPropagator {

    /** Largest captured value, in characters. */
    int MAX_VALUE_CHARS = 1_024;
    /** Most propagators one trigger carries. */
    int MAX_PROPAGATORS = 16;

    /** Return the name the value is stored under; unique among the propagators of one application. */
    String name();

    /** Return the value to carry from {@code context}, or empty when it holds none. */
    Optional<String> capture(ContextView context);

    /** Return {@code context} with the carried {@code value} restored. */
    Context restore(Context context, String value);
}
