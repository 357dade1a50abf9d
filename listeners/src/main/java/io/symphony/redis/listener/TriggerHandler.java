package io.symphony.redis.listener;

import reactor.core.publisher.Mono;

/**
 * Handle one trigger occurrence.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TriggerHandler {

    /**
     * Handle {@code event}; the returned {@code Mono} completing means the occurrence is done, an error or a timeout
     * means it is retried per the registry's {@link RetryPolicy}. The Reactor {@code Context} holds the
     * {@link io.symphony.redis.context.TenantScope} (tenant, identifier as user id) and the {@link TriggerEvent}.
     */
    Mono<Void> handle(TriggerEvent event);
}
