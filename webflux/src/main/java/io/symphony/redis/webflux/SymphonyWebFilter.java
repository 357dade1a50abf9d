package io.symphony.redis.webflux;

import io.symphony.redis.context.TenantScope;
import io.symphony.redis.repository.RedisSharedState;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.SharedStateContext;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Bind each request's {@link RedisSharedState} into the Reactor {@code Context} of the whole exchange: the
 * original's FastAPI middleware, without a context variable.
 *
 * <p>For every exchange the {@link TenantResolver} is asked for the tenant and user; the filter then runs the rest
 * of the chain with {@link SharedStateContext#bind(RedisSharedState)} written into its context, so controllers,
 * services and tools run through {@link io.symphony.redis.context.BlockingBridge} read the state with
 * {@link SharedStateContext#current()} (or {@code tool.bound(RedisSharedState.class)}) and the scope with
 * {@link io.symphony.redis.context.SymphonyContext#currentScope()}. The binding lives in the subscriber's context
 * of this one exchange, so a request for tenant A can never observe tenant B's state, whatever thread it runs on.
 *
 * <ul>
 *   <li>The resolver emits nothing: the chain runs with nothing bound ({@code SharedStateContext.current()} fails
 *       with {@link io.symphony.redis.context.NothingBoundException}).
 *   <li>The resolver fails with {@link InvalidTenantException}, or the ids cannot form a Redis key (empty, control
 *       characters, too long): {@code 400 Bad Request} with a plain-text message; the chain does not run.
 *   <li>Any other resolver error is passed on as {@code onError} (a 500 from WebFlux's error handling).
 * </ul>
 *
 * <p>The filter runs no Redis command and never blocks; it is ordered at {@link #DEFAULT_ORDER}, after Spring
 * Security's filter chain ({@code -100}), so a {@link PrincipalTenantResolver} sees the authenticated principal.
 *
 * @since 0.1
 */
public final class SymphonyWebFilter implements WebFilter, Ordered {

    /** Default filter order: after Spring Security's {@code WebFilterChainProxy} (-100). */
    public static final int DEFAULT_ORDER = 0;

    private static final Logger log = LoggerFactory.getLogger(SymphonyWebFilter.class);

    private final RepositorySupport support;
    private final TenantResolver resolver;
    private final int order;

    /** Create a filter at {@link #DEFAULT_ORDER} that builds each user's shared state on {@code support}. */
    public SymphonyWebFilter(RepositorySupport support, TenantResolver resolver) {
        this(support, resolver, DEFAULT_ORDER);
    }

    /** Create a filter at {@code order} that builds each user's shared state on {@code support}. */
    public SymphonyWebFilter(RepositorySupport support, TenantResolver resolver, int order) {
        this.support = Objects.requireNonNull(support, "support");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.order = order;
    }

    /**
     * Resolve the scope, then run the chain with the user's shared state bound, with nothing bound, or answer 400;
     * see the class description.
     */
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(chain, "chain");
        return resolver.resolve(exchange)
                .map(this::stateOf)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorResume(InvalidTenantException.class, e -> reject(exchange, e).then(Mono.empty()))
                .flatMap(state -> state
                        .map(bound -> chain.filter(exchange).contextWrite(SharedStateContext.bind(bound)))
                        .orElseGet(() -> chain.filter(exchange)));
    }

    /** The filter's order. */
    @Override
    public int getOrder() {
        return order;
    }

    private RedisSharedState stateOf(TenantScope scope) {
        try {
            return new RedisSharedState(support, scope.tenant(), scope.userId());
        } catch (IllegalArgumentException e) {
            throw new InvalidTenantException("Invalid tenant or user id: " + e.getMessage(), e);
        }
    }

    private static Mono<Void> reject(ServerWebExchange exchange, InvalidTenantException e) {
        log.debug("Rejected {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                e.getMessage());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        byte[] body = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** Describe the filter by its resolver and order. */
    @Override
    public String toString() {
        return "SymphonyWebFilter[" + resolver + ", order=" + order + "]";
    }
}
