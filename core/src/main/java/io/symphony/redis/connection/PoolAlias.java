package io.symphony.redis.connection;

import java.util.Objects;

/**
 * A pool alias as it resolved at runtime: its name, the DB its keys land in, and the endpoint it points to.
 *
 * @param name the alias, for example {@code "user"}
 * @param db the logical database (always {@code 0} on Redis Cluster)
 * @param endpoint the server, redacted: never contains a password
 * @since 0.1
 */
public record PoolAlias(String name, int db, String endpoint) {

    /** Validate the components. */
    public PoolAlias {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        if (db < 0) {
            throw new IllegalArgumentException("db must be >= 0, was " + db);
        }
    }
}
