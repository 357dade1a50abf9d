package io.symphony.redis.connection;

import io.symphony.redis.config.ConnectionStrategy;
import java.util.List;
import java.util.Optional;

/**
 * One physical (server, DB) target of a runtime, as a {@link ConnectionObserver} sees it: the aliases that share
 * it, the strategy its connections follow and, for {@link ConnectionStrategy#POOLED}, the live usage of its pool.
 *
 * <p>Never carries credentials: {@link #server()} is the configured URL with the password masked and without its
 * path and query.
 *
 * @since 0.1
 */
public interface RedisTarget {

    /**
     * Return the server part of the configured URL, password masked, without DB path and query, for example
     * {@code redis://127.0.0.1:6379}, {@code redis-sentinel://s1:26379,s2:26379} or
     * {@code redis-cluster://n1:7000,n2:7001}.
     */
    String server();

    /** Return the DB of the target ({@code 0} on Redis Cluster). */
    int db();

    /** Return the pool aliases that share this target, in configuration order. */
    List<String> aliases();

    /** Return the connection strategy of the runtime. */
    ConnectionStrategy strategy();

    /** Return the live usage of the target's pool with {@link ConnectionStrategy#POOLED}; empty otherwise. */
    Optional<PoolUsage> pool();
}
