package io.symphony.redis.webflux;

import io.symphony.redis.context.TenantScope;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolve tenant and user from two request headers, {@value #DEFAULT_TENANT_HEADER} and
 * {@value #DEFAULT_USER_HEADER} unless named otherwise.
 *
 * <p>Neither header: empty (nothing is bound). Both, each once and non-blank: the scope. Only one, a blank one, or
 * either repeated: {@link InvalidTenantException} (a repeated header could smuggle a second tenant past a proxy
 * that checked only the first). Only trust these headers behind a gateway that sets them; otherwise resolve from
 * the authenticated principal ({@link PrincipalTenantResolver}).
 *
 * @since 0.1
 */
public final class HeaderTenantResolver implements TenantResolver {

    /** Default tenant header. */
    public static final String DEFAULT_TENANT_HEADER = "X-Tenant-Id";
    /** Default user header. */
    public static final String DEFAULT_USER_HEADER = "X-User-Id";

    private final String tenantHeader;
    private final String userHeader;

    /**
     * Create a resolver reading the given headers.
     *
     * @throws IllegalArgumentException if a name is blank or both are the same
     */
    public HeaderTenantResolver(String tenantHeader, String userHeader) {
        this.tenantHeader = requireName(tenantHeader, "tenantHeader");
        this.userHeader = requireName(userHeader, "userHeader");
        if (tenantHeader.equalsIgnoreCase(userHeader)) {
            throw new IllegalArgumentException("tenant and user header must differ, both were " + tenantHeader);
        }
    }

    /** Create a resolver reading {@value #DEFAULT_TENANT_HEADER} and {@value #DEFAULT_USER_HEADER}. */
    public static HeaderTenantResolver defaults() {
        return new HeaderTenantResolver(DEFAULT_TENANT_HEADER, DEFAULT_USER_HEADER);
    }

    /** The tenant header's name. */
    public String tenantHeader() {
        return tenantHeader;
    }

    /** The user header's name. */
    public String userHeader() {
        return userHeader;
    }

    /**
     * Read the two headers; no I/O, emits on the calling thread.
     *
     * @return the scope; empty when neither header is present; {@link InvalidTenantException} when only one is,
     *     either is blank or either is repeated
     */
    @Override
    public Mono<TenantScope> resolve(ServerWebExchange exchange) {
        Objects.requireNonNull(exchange, "exchange");
        return Mono.fromCallable(() -> scopeOf(exchange.getRequest().getHeaders()));
    }

    private @Nullable TenantScope scopeOf(HttpHeaders headers) {
        String tenant = single(headers, tenantHeader);
        String user = single(headers, userHeader);
        if (tenant == null && user == null) {
            return null;
        }
        if (tenant == null || user == null) {
            throw new InvalidTenantException("Both " + tenantHeader + " and " + userHeader
                    + " are required when either is sent; missing " + (tenant == null ? tenantHeader : userHeader));
        }
        if (tenant.isBlank() || user.isBlank()) {
            throw new InvalidTenantException(tenantHeader + " and " + userHeader + " must not be blank");
        }
        return new TenantScope(tenant, user);
    }

    private static @Nullable String single(HttpHeaders headers, String name) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidTenantException(name + " must be sent once, was sent " + values.size() + " times");
        }
        return values.get(0);
    }

    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return name;
    }

    /** Return {@code "the <tenant header> and <user header> headers"}. */
    @Override
    public String describeSource() {
        return "the " + tenantHeader + " and " + userHeader + " headers";
    }

    /** Describe the resolver by its header names. */
    @Override
    public String toString() {
        return "HeaderTenantResolver[" + tenantHeader + ", " + userHeader + "]";
    }
}
