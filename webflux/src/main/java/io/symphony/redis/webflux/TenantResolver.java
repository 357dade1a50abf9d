package io.symphony.redis.webflux;

import io.symphony.redis.context.TenantScope;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Find the tenant and user a request acts for. {@link SymphonyWebFilter} calls it once per exchange.
 *
 * <p>Implementations must not block: read headers, the principal or attributes reactively.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TenantResolver {

    /**
     * Resolve the tenant and user of {@code exchange}.
     *
     * @return the scope; empty when the request names no tenant (the filter then binds nothing and lets the
     *     request through); an {@link InvalidTenantException} when it names one that is malformed or incomplete
     *     (the filter answers 400)
     */
    Mono<TenantScope> resolve(ServerWebExchange exchange);

    /**
     * Say what a request must carry to name its tenant, for the messages of requests that name none, e.g.
     * {@code "the X-Tenant-Id and X-User-Id headers"}.
     *
     * @since 0.1
     */
    default String describeSource() {
        return "what " + getClass().getSimpleName() + " reads the tenant and user from";
    }
}
