package io.symphony.redis.repository;

import io.symphony.redis.codec.RedisValueCodec;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.ops.RedisOps;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every repository shares: the runtime's ops, codec and key factory, the default TTL of hash writes, the
 * clock used for timestamps, and the concurrency of per-key lookups during scans.
 *
 * <p>Immutable; made with {@link #of(RedisOps, RedisValueCodec, KeyFactory)} (the original's defaults) or
 * {@link #builder(RedisOps, RedisValueCodec, KeyFactory)}, copied with {@link #toBuilder()}. Every setter rejects a
 * bad value at once, naming it.
 *
 * @since 0.1
 */
public final class RepositorySupport {

    /** The original's {@code ttl_default}: one day. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(86_400);
    /** Default number of per-key lookups in flight during scans: 16. */
    public static final int DEFAULT_SCAN_CONCURRENCY = 16;

    private final RedisOps ops;
    private final RedisValueCodec codec;
    private final KeyFactory keys;
    private final Duration defaultTtl;
    private final Clock clock;
    private final int scanConcurrency;
    private final RepositoryObserver observer;
    private final HashStore hashes;

    private RepositorySupport(Builder b) {
        this.ops = b.ops;
        this.codec = b.codec;
        this.keys = b.keys;
        this.defaultTtl = b.defaultTtl;
        this.clock = b.clock;
        this.scanConcurrency = b.scanConcurrency;
        this.observer = b.observer;
        this.hashes = new HashStore(this);
    }

    /**
     * Support with the original's defaults: one-day TTL, UTC system clock, {@value #DEFAULT_SCAN_CONCURRENCY}
     * lookups in flight during scans.
     *
     * @throws NullPointerException if an argument is {@code null}
     */
    public static RepositorySupport of(RedisOps ops, RedisValueCodec codec, KeyFactory keys) {
        return builder(ops, codec, keys).build();
    }

    /**
     * A builder over the runtime's ops, codec and keys, holding every default.
     *
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Builder builder(RedisOps ops, RedisValueCodec codec, KeyFactory keys) {
        return new Builder(ops, codec, keys);
    }

    /** A builder holding every value of this support. */
    public Builder toBuilder() {
        return new Builder(ops, codec, keys).defaultTtl(defaultTtl).clock(clock).scanConcurrency(scanConcurrency)
                .observer(observer);
    }

    /** A copy with another default TTL. @throws IllegalArgumentException if {@code ttl} is not positive */
    public RepositorySupport withDefaultTtl(Duration ttl) {
        return toBuilder().defaultTtl(ttl).build();
    }

    /** A copy with another clock (tests, simulations). */
    public RepositorySupport withClock(Clock newClock) {
        return toBuilder().clock(newClock).build();
    }

    /** The low-level commands, bound to the {@code default} pool. */
    public RedisOps ops() {
        return ops;
    }

    /** The value codec (the original's wire format). */
    public RedisValueCodec codec() {
        return codec;
    }

    /** The key factory. */
    public KeyFactory keys() {
        return keys;
    }

    /** TTL of every hash write that does not name one (the original's {@code ttl_default}, 86,400 s). */
    public Duration defaultTtl() {
        return defaultTtl;
    }

    /** Clock for the timestamps the original writes ({@code merge}, trigger values). */
    public Clock clock() {
        return clock;
    }

    /** How many per-key lookups a scan-based method keeps in flight. */
    public int scanConcurrency() {
        return scanConcurrency;
    }

    /** The observer of every repository call made on this support; {@link RepositoryObserver#NOOP} by default. */
    public RepositoryObserver observer() {
        return observer;
    }

    /** The hash-record operations every hash-backed repository of this support shares. */
    HashStore hashes() {
        return hashes;
    }

    /** Whether a {@link RepositoryObserver} other than the no-op one watches the calls. */
    boolean observed() {
        return observer != RepositoryObserver.NOOP;
    }

    /** {@code mono} observed as one call, or {@code mono} itself without an observer (nothing allocated). */
    <T> Mono<T> observe(String repository, String operation, String pool, String tenant, Mono<T> mono) {
        return observer == RepositoryObserver.NOOP ? mono
                : observer.observe(new RepositoryCall(repository, operation, pool, tenant), mono);
    }

    /** {@code flux} observed as one call, or {@code flux} itself without an observer (nothing allocated). */
    <T> Flux<T> observeMany(String repository, String operation, String pool, String tenant, Flux<T> flux) {
        return observer == RepositoryObserver.NOOP ? flux
                : observer.observeMany(new RepositoryCall(repository, operation, pool, tenant), flux);
    }

    @Override
    public String toString() {
        return "RepositorySupport[defaultTtl=" + defaultTtl + ", clock=" + clock + ", scanConcurrency="
                + scanConcurrency + (observer == RepositoryObserver.NOOP ? "" : ", observer=" + observer) + "]";
    }

    /** Builds a {@link RepositorySupport}; not thread-safe. */
    public static final class Builder {

        private final RedisOps ops;
        private final RedisValueCodec codec;
        private final KeyFactory keys;
        private Duration defaultTtl = DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();
        private int scanConcurrency = DEFAULT_SCAN_CONCURRENCY;
        private RepositoryObserver observer = RepositoryObserver.NOOP;

        private Builder(RedisOps ops, RedisValueCodec codec, KeyFactory keys) {
            this.ops = Objects.requireNonNull(ops, "ops");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /**
         * TTL of every hash write that does not name one; default {@link #DEFAULT_TTL}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder defaultTtl(Duration ttl) {
            this.defaultTtl = Ttls.requirePositive(ttl, "defaultTtl");
            return this;
        }

        /** Clock for timestamps; default the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Per-key lookups in flight during scans; default {@value #DEFAULT_SCAN_CONCURRENCY}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder scanConcurrency(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("scanConcurrency must be > 0, was " + n);
            }
            this.scanConcurrency = n;
            return this;
        }

        /**
         * Observe every repository call made on this support (default {@link RepositoryObserver#NOOP}, which costs
         * nothing); {@code SymphonyObservability} of the {@code symphony-redis-micrometer} module sets one that
         * records an observation per call.
         */
        public Builder observer(RepositoryObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** The support. */
        public RepositorySupport build() {
            return new RepositorySupport(this);
        }
    }
}
