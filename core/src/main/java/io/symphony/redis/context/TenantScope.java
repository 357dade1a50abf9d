package io.symphony.redis.context;

import java.util.Objects;

/**
 * The tenant and user a piece of reactive work runs for.
 *
 * @param tenant the tenant id, non-blank
 * @param userId the user id, non-blank
 * @since 0.1
 */
public record TenantScope(String tenant, String userId) {

    /** Validate the components. */
    public TenantScope {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(userId, "userId");
        if (tenant.isBlank() || userId.isBlank()) {
            throw new IllegalArgumentException("tenant and userId must be non-blank, were '" + tenant + "', '"
                    + userId + "'");
        }
    }
}
