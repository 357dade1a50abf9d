/**
 * WebFlux integration: {@link io.symphony.redis.webflux.SymphonyWebFilter} resolves each request's tenant and user
 * through a {@link io.symphony.redis.webflux.TenantResolver} and binds that user's
 * {@link io.symphony.redis.repository.RedisSharedState} into the Reactor {@code Context} of the whole exchange;
 * {@link io.symphony.redis.webflux.SymphonyTool} is the synchronous tool base class (the original's
 * {@code AsyncBaseTool}) that runs on the runtime's tool scheduler and sees that state.
 *
 * <p>Nothing here uses a thread-local or blocks an event loop; the only blocking happens inside a tool, on the
 * tool scheduler, through {@link io.symphony.redis.context.BlockingBridge}.
 */
@NullMarked
package io.symphony.redis.webflux;

import org.jspecify.annotations.NullMarked;
