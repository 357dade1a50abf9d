package io.symphony.redis.webflux;

import io.symphony.redis.context.NothingBoundException;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.repository.RedisSharedState;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.SharedStateContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;
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
 *   <li>The resolver emits nothing, on a path that {@linkplain Builder#requireTenant(Collection) requires a tenant}:
 *       {@code 400 Bad Request} with an RFC 9457 problem detail naming what to send
 *       ({@link TenantResolver#describeSource()}, e.g. the two headers); the chain does not run.
 *   <li>The resolver emits nothing elsewhere: the chain runs with nothing bound. A handler that reads the state
 *       anyway fails with a {@link NothingBoundException} whose message names what the request should have sent,
 *       and the filter answers it {@code 400} with that problem detail (unless the response is already committed),
 *       not a 500.
 *   <li>The resolver fails with {@link InvalidTenantException}, or the ids cannot form a Redis key (empty, control
 *       characters, too long): {@code 400 Bad Request} with a problem detail; the chain does not run.
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
    private final List<PathPattern> requireTenant;

    /** Create a filter at {@link #DEFAULT_ORDER} that builds each user's shared state on {@code support}. */
    public SymphonyWebFilter(RepositorySupport support, TenantResolver resolver) {
        this(builder(support, resolver));
    }

    /** Create a filter at {@code order} that builds each user's shared state on {@code support}. */
    public SymphonyWebFilter(RepositorySupport support, TenantResolver resolver, int order) {
        this(builder(support, resolver).order(order));
    }

    private SymphonyWebFilter(Builder builder) {
        this.support = builder.support;
        this.resolver = builder.resolver;
        this.order = builder.order;
        this.requireTenant = List.copyOf(builder.requireTenant);
    }

    /**
     * Start a builder of a filter that builds each user's shared state on {@code support}, at
     * {@link #DEFAULT_ORDER}, requiring a tenant on no path.
     *
     * @since 0.1
     */
    public static Builder builder(RepositorySupport support, TenantResolver resolver) {
        return new Builder(support, resolver);
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
                .onErrorResume(InvalidTenantException.class, e -> reject(exchange, e.getMessage()).then(Mono.empty()))
                .flatMap(state -> state
                        .map(bound -> chain.filter(exchange).contextWrite(SharedStateContext.bind(bound)))
                        .orElseGet(() -> unbound(exchange, chain)));
    }

    /** The filter's order. */
    @Override
    public int getOrder() {
        return order;
    }

    private Mono<Void> unbound(ServerWebExchange exchange, WebFilterChain chain) {
        String reason = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value()
                + " named no tenant: send " + resolver.describeSource();
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (requireTenant.stream().anyMatch(pattern -> pattern.matches(path))) {
            return reject(exchange, reason);
        }
        return chain.filter(exchange)
                .contextWrite(SymphonyContext.explainUnbound(reason))
                .onErrorResume(NothingBoundException.class, e -> exchange.getResponse().isCommitted()
                        ? Mono.error(e)
                        : reject(exchange, String.valueOf(e.getMessage())));
    }

    private RedisSharedState stateOf(TenantScope scope) {
        try {
            return new RedisSharedState(support, scope.tenant(), scope.userId());
        } catch (IllegalArgumentException e) {
            throw new InvalidTenantException("Invalid tenant or user id: " + e.getMessage(), e);
        }
    }

    private static Mono<Void> reject(ServerWebExchange exchange, @Nullable String detail) {
        String message = String.valueOf(detail);
        log.debug("Rejected {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), message);
        return ProblemResponse.badRequest(exchange, message);
    }

    /** Describe the filter by its resolver, order and the paths that require a tenant. */
    @Override
    public String toString() {
        return "SymphonyWebFilter[" + resolver + ", order=" + order
                + (requireTenant.isEmpty() ? "" : ", requireTenant=" + requireTenant) + "]";
    }

    /**
     * Builds a {@link SymphonyWebFilter}; setters reject bad values at once.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final RepositorySupport support;
        private final TenantResolver resolver;
        private int order = DEFAULT_ORDER;
        private final List<PathPattern> requireTenant = new ArrayList<>();

        private Builder(RepositorySupport support, TenantResolver resolver) {
            this.support = Objects.requireNonNull(support, "support");
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** Set the filter's order (default {@value SymphonyWebFilter#DEFAULT_ORDER}). */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        /**
         * Require a tenant on the paths matching these patterns (Spring {@code PathPattern} syntax, e.g.
         * {@code /chat/**}, matched against the path within the application): a request there that names none is
         * answered 400 with a problem detail; replaces the patterns set before.
         *
         * @throws IllegalArgumentException if a pattern does not parse, naming it
         */
        public Builder requireTenant(Collection<String> pathPatterns) {
            Objects.requireNonNull(pathPatterns, "pathPatterns");
            List<PathPattern> parsed = new ArrayList<>();
            for (String pattern : pathPatterns) {
                Objects.requireNonNull(pattern, "pathPattern");
                try {
                    parsed.add(PathPatternParser.defaultInstance.parse(pattern));
                } catch (PatternParseException e) {
                    throw new IllegalArgumentException("Invalid path pattern '" + pattern + "': " + e.getMessage(), e);
                }
            }
            requireTenant.clear();
            requireTenant.addAll(parsed);
            return this;
        }

        /** Return the filter. */
        public SymphonyWebFilter build() {
            return new SymphonyWebFilter(this);
        }
    }
}
