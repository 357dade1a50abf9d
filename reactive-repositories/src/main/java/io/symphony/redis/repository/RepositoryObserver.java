package io.symphony.redis.repository;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Observes every call of the repositories made on one {@link RepositorySupport}: each public method that returns a
 * publisher hands it to {@link #observe} (or {@link #observeMany}) before returning it, once per call (an overload
 * that delegates to another is observed once). Set with {@link RepositorySupport.Builder#observer}; the
 * {@code symphony-redis-micrometer} module implements it with a Micrometer {@code Observation} per subscription.
 *
 * <p>Implementations return a publisher that behaves exactly as the one given (same signals, same laziness, same
 * cancellation), must be thread-safe, and must not block. The defaults return the publisher itself: with
 * {@link #NOOP} no call allocates anything.
 *
 * @since 0.1
 */
public interface RepositoryObserver {

    /** The observer that observes nothing: the default. */
    RepositoryObserver NOOP = new RepositoryObserver() { };

    /** Return {@code mono}, observed as {@code call}. */
    default <T> Mono<T> observe(RepositoryCall call, Mono<T> mono) {
        return mono;
    }

    /** Return {@code flux}, observed as {@code call}. */
    default <T> Flux<T> observeMany(RepositoryCall call, Flux<T> flux) {
        return flux;
    }

    /**
     * Return the propagators every {@link RedisTrigger} made on this support adds to its own when it sets a trigger
     * (a trace context, for example), so the observer's context reaches the trigger's handler; none by default. A
     * trigger's own propagator of the same name wins.
     */
    default List<TriggerContextPropagator> triggerContextPropagators() {
        return List.of();
    }
}
