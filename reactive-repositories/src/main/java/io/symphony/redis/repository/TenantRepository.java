package io.symphony.redis.repository;

import io.symphony.redis.keys.KeyFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Base of every repository: one tenant, one pool alias, one default TTL (the original's {@code TenantCache}).
 *
 * <p>Instances are immutable and cheap (no I/O on construction): create one per request. {@link #onPool(String)}
 * and {@link #withDefaultTtl(Duration)} return copies, which is how a single call is sent to another pool. The
 * key helpers ({@link #keyExists}, {@link #renewTtl}, {@link #getTtl}, {@link #deleteKey}) take full keys, as in the
 * original, but only keys inside this tenant's namespace: anything else is rejected before it reaches Redis.
 *
 * @param <R> the concrete repository type
 * @since 0.1
 */
public abstract class TenantRepository<R extends TenantRepository<R>> {

    private final RepositorySupport support;
    private final String tenant;
    private final String pool;
    private final Duration defaultTtl;

    /**
     * Create the base.
     *
     * @throws IllegalArgumentException if the tenant is empty or holds characters no key may contain
     */
    protected TenantRepository(RepositorySupport support, String tenant, String pool, Duration defaultTtl) {
        this.support = Objects.requireNonNull(support, "support");
        this.tenant = support.keys().requireTenant(Objects.requireNonNull(tenant, "tenant"));
        this.pool = Objects.requireNonNull(pool, "pool");
        this.defaultTtl = Ttls.requirePositive(defaultTtl, "defaultTtl");
    }

    /** A copy of this repository whose commands run on another pool alias. */
    public abstract R onPool(String alias);

    /** A copy of this repository with another default TTL for its writes. */
    public abstract R withDefaultTtl(Duration ttl);

    /** The tenant every key of this repository belongs to. */
    public String tenant() {
        return tenant;
    }

    /** The pool alias commands run on. */
    public String pool() {
        return pool;
    }

    /** The TTL of writes that do not name one. */
    public Duration defaultTtl() {
        return defaultTtl;
    }

    /** EXISTS on a full key of this tenant. */
    public Mono<Boolean> keyExists(String key) {
        return observed("keyExists", support.hashes().exists(requireOwnKey(key), pool));
    }

    /** PEXPIRE a full key of this tenant to {@code ttl}; emits {@code false} when the key does not exist. */
    public Mono<Boolean> renewTtl(String key, Duration ttl) {
        Ttls.requirePositive(ttl, "ttl");
        return observed("renewTtl", support.ops().onPool(pool).expire(requireOwnKey(key), ttl));
    }

    /** PEXPIRE a full key of this tenant to the default TTL. */
    public Mono<Boolean> renewTtl(String key) {
        return renewTtl(key, defaultTtl);
    }

    /** TTL of a full key of this tenant in seconds: -1 when it has none, -2 when it does not exist. */
    public Mono<Long> getTtl(String key) {
        return observed("getTtl", support.ops().onPool(pool).getTtl(requireOwnKey(key)));
    }

    /** DEL a full key of this tenant; emits 1 if it existed, else 0. */
    public Mono<Long> deleteKey(String key) {
        return observed("deleteKey", support.ops().onPool(pool).delete(List.of(requireOwnKey(key))));
    }

    /** The shared support (ops, codec, keys, clock). */
    protected final RepositorySupport support() {
        return support;
    }

    /** The key factory. */
    protected final KeyFactory keys() {
        return support.keys();
    }

    /** Hash operations bound to this repository's default TTL. */
    protected final HashStore hashes() {
        return support.hashes();
    }

    /** {@code ttl}, checked, or the default when {@code null}. */
    protected final Duration ttlOrDefault(@Nullable Duration ttl) {
        return ttl == null ? defaultTtl : Ttls.requirePositive(ttl, "ttl");
    }

    /** {@code mono}, observed as a call of {@code operation} by the support's {@link RepositoryObserver}. */
    final <T> Mono<T> observed(String operation, Mono<T> mono) {
        // the name is looked up only for an observer: the unobserved hot path costs nothing here
        return support.observed() ? support.observe(RepositoryNames.of(getClass()), operation, pool, tenant, mono)
                : mono;
    }

    /** {@code flux}, observed as a call of {@code operation} by the support's {@link RepositoryObserver}. */
    final <T> Flux<T> observedMany(String operation, Flux<T> flux) {
        return support.observed()
                ? support.observeMany(RepositoryNames.of(getClass()), operation, pool, tenant, flux) : flux;
    }

    private String requireOwnKey(String key) {
        Objects.requireNonNull(key, "key");
        String plain = KeyFactory.escape(tenant) + KeyFactory.SEPARATOR;
        String tagged = "{" + KeyFactory.escape(tenant) + "}" + KeyFactory.SEPARATOR;
        if (!key.startsWith(plain) && !key.startsWith(tagged)) {
            throw new IllegalArgumentException("Key '" + key + "' is outside tenant '" + tenant + "'");
        }
        return key;
    }
}
