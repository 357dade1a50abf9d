package io.symphony.redis.webflux;

import io.symphony.redis.context.TenantScope;
import java.security.Principal;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolve tenant and user from the authenticated principal ({@link ServerWebExchange#getPrincipal()}), so that a
 * client can never pick another tenant by sending a header: the example to follow when requests are authenticated.
 *
 * <pre>{@code
 * // principal names look like "acme/alice"
 * TenantResolver resolver = PrincipalTenantResolver.splittingName('/');
 * // or read the claims of a JWT principal
 * TenantResolver resolver = new PrincipalTenantResolver(principal -> {
 *     Jwt jwt = ((JwtAuthenticationToken) principal).getToken();
 *     return new TenantScope(jwt.getClaimAsString("tenant"), jwt.getSubject());
 * });
 * }</pre>
 *
 * <p>No principal (an anonymous request): empty, nothing is bound. A principal the mapping cannot place (it
 * returns {@code null} or throws {@link IllegalArgumentException}): {@link InvalidTenantException}, answered 400.
 *
 * @since 0.1
 */
public final class PrincipalTenantResolver implements TenantResolver {

    private final Function<Principal, @Nullable TenantScope> mapping;

    /**
     * Create a resolver that maps the principal with {@code mapping}; the mapping runs on the thread that emits the
     * principal and must not block.
     */
    public PrincipalTenantResolver(Function<Principal, @Nullable TenantScope> mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /**
     * Create a resolver for principal names of the form {@code tenant<separator>user}, split at the first
     * separator.
     */
    public static PrincipalTenantResolver splittingName(char separator) {
        return new PrincipalTenantResolver(principal -> split(principal.getName(), separator));
    }

    /**
     * Map the exchange's principal.
     *
     * @return the scope; empty when the request has no principal; {@link InvalidTenantException} when the mapping
     *     cannot place it
     */
    @Override
    public Mono<TenantScope> resolve(ServerWebExchange exchange) {
        Objects.requireNonNull(exchange, "exchange");
        return exchange.getPrincipal().map(this::scopeOf);
    }

    /** Return {@code "an authenticated principal that names a tenant and user"}. */
    @Override
    public String describeSource() {
        return "an authenticated principal that names a tenant and user";
    }

    private TenantScope scopeOf(Principal principal) {
        TenantScope scope;
        try {
            scope = mapping.apply(principal);
        } catch (IllegalArgumentException e) {
            throw new InvalidTenantException("The authenticated principal names no valid tenant and user: "
                    + e.getMessage(), e);
        }
        if (scope == null) {
            throw new InvalidTenantException("The authenticated principal names no tenant and user");
        }
        return scope;
    }

    private static TenantScope split(String name, char separator) {
        int at = name.indexOf(separator);
        if (at <= 0 || at == name.length() - 1) {
            throw new IllegalArgumentException("principal name is not tenant" + separator + "user");
        }
        return new TenantScope(name.substring(0, at), name.substring(at + 1));
    }
}
