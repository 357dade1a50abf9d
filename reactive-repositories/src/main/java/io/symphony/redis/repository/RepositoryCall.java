package io.symphony.redis.repository;

import java.util.Objects;

/**
 * One repository call as a {@link RepositoryObserver} sees it.
 *
 * @param repository the repository: {@code user}, {@code shared_state}, {@code state_handler}, {@code table},
 *     {@code batch}, {@code trigger} or {@code generic}
 * @param operation the public method called, for example {@code upsert}
 * @param pool the pool alias its commands run on
 * @param tenant the tenant; high cardinality, so meters leave it out unless asked to
 * @since 0.1
 */
public record RepositoryCall(String repository, String operation, String pool, String tenant) {

    /** Reject {@code null} parts. */
    public RepositoryCall {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(tenant, "tenant");
    }
}
