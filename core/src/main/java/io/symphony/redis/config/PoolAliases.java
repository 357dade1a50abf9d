package io.symphony.redis.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The original's six pool aliases and the DB each one gets when a single URL is configured.
 *
 * @since 0.1
 */
public final class PoolAliases {

    /** General operations and {@code RedisGeneric}; DB 15. */
    public static final String DEFAULT = "default";
    /** User records ({@code RedisUser}); DB 11. */
    public static final String USER = "user";
    /** Handler state, tables and batches; DB 10. */
    public static final String HANDLERS = "handlers";
    /** Shared state between tools and agents; DB 9. */
    public static final String SHARED_STATE = "symphony_shared_state";
    /** Expiry triggers and their listener; DB 8. */
    public static final String EXPIRY = "expiry";
    /** Pub/sub messaging; DB 7. */
    public static final String PUBSUB = "pubsub";

    /** Alias to DB, in the original's order: default 15, user 11, handlers 10, shared state 9, expiry 8, pubsub 7. */
    public static final Map<String, Integer> DEFAULT_DATABASES;

    static {
        Map<String, Integer> dbs = new LinkedHashMap<>();
        dbs.put(DEFAULT, 15);
        dbs.put(USER, 11);
        dbs.put(HANDLERS, 10);
        dbs.put(SHARED_STATE, 9);
        dbs.put(EXPIRY, 8);
        dbs.put(PUBSUB, 7);
        DEFAULT_DATABASES = Collections.unmodifiableMap(dbs);
    }

    private PoolAliases() {
    }
}
