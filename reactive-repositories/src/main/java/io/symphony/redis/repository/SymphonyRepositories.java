package io.symphony.redis.repository;

import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes the seven repositories on one runtime, so they share its connections, codec and key factory.
 *
 * <pre>{@code
 * SymphonyRepositories repos = SymphonyRepositories.of(runtime);
 * repos.user("acme", "u1").upsert(Map.of("name", "Alice"));
 * }</pre>
 *
 * <p>Every factory method is cheap (no I/O) and validates its ids at call time, so create repositories per request.
 * On Redis Cluster the batch and trigger repositories are created with their Cluster layouts (per-slot scripts).
 *
 * @since 0.1
 */
public final class SymphonyRepositories {

    private final RepositorySupport support;
    private final boolean cluster;

    private SymphonyRepositories(RepositorySupport support, boolean cluster) {
        this.support = support;
        this.cluster = cluster;
    }

    /** Repositories on {@code runtime} with the original's defaults (one-day TTL, UTC clock). */
    public static SymphonyRepositories of(SymphonyRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        return new SymphonyRepositories(RepositorySupport.of(runtime.ops(), runtime.codec(), runtime.keys()),
                runtime.connections().cluster());
    }

    /** Repositories on explicit support (custom TTL, clock or scan concurrency). */
    public static SymphonyRepositories of(RepositorySupport support, boolean cluster) {
        return new SymphonyRepositories(Objects.requireNonNull(support, "support"), cluster);
    }

    /** A copy whose repositories write with another default TTL. */
    public SymphonyRepositories withDefaultTtl(Duration ttl) {
        return new SymphonyRepositories(support.withDefaultTtl(ttl), cluster);
    }

    /** The shared support. */
    public RepositorySupport support() {
        return support;
    }

    /** The user record {@code {tenant}:user:{userId}} (pool {@code user}). */
    public RedisUser user(String tenant, String userId) {
        return new RedisUser(support, tenant, userId);
    }

    /** The user's shared states {@code {tenant}:SS:{state}:{userId}} (pool {@code symphony_shared_state}). */
    public RedisSharedState sharedState(String tenant, String userId) {
        return new RedisSharedState(support, tenant, userId);
    }

    /** The user's handler states {@code {tenant}:state:{handler}:{userId}} (pool {@code handlers}). */
    public RedisStateHandler stateHandler(String tenant, String userId) {
        return new RedisStateHandler(support, tenant, userId);
    }

    /** The tenant's table rows {@code {tenant}:df:{table}:pkid:{pk}} (pool {@code handlers}). */
    public RedisTable table(String tenant) {
        return new RedisTable(support, tenant);
    }

    /** The tenant's batch queues (pool {@code handlers}); Cluster layout on a Cluster. */
    public RedisBatch batch(String tenant) {
        return new RedisBatch(support, tenant, cluster ? BatchTopology.CLUSTER : BatchTopology.SINGLE_NODE);
    }

    /** The tenant's expiry triggers (pool {@code expiry}); Cluster layout on a Cluster. */
    public RedisTrigger trigger(String tenant) {
        return cluster ? RedisTrigger.cluster(support, tenant) : RedisTrigger.standalone(support, tenant);
    }

    /** The tenant's generic values {@code {tenant}:{key}} (pool {@code default}). */
    public RedisGeneric generic(String tenant) {
        return new RedisGeneric(support, tenant);
    }
}
