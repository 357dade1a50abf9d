package io.symphony.redis.repository;

import io.symphony.redis.codec.RedisValueCodec;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.ops.RedisOps;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What every repository shares: the runtime's ops, codec and key factory, the default TTL of hash writes, the
 * clock used for timestamps, and the concurrency of per-key lookups during scans. Immutable; cheap to copy.
 *
 * @param ops the low-level commands
 * @param codec the value codec (the original's wire format)
 * @param keys the key factory
 * @param defaultTtl TTL of every hash write that does not name one (the original's {@code ttl_default}, 86,400 s)
 * @param clock clock for the timestamps the original writes ({@code merge}, trigger values)
 * @param scanConcurrency how many per-key lookups a scan-based method keeps in flight
 * @since 0.1
 */
public record RepositorySupport(RedisOps ops, RedisValueCodec codec, KeyFactory keys, Duration defaultTtl,
        Clock clock, int scanConcurrency) {

    /** The original's {@code ttl_default}: one day. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(86_400);
    /** Default number of per-key lookups in flight during scans. */
    public static final int DEFAULT_SCAN_CONCURRENCY = 16;

    /** Validate the components. */
    public RepositorySupport {
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clock, "clock");
        Ttls.requirePositive(defaultTtl, "defaultTtl");
        if (scanConcurrency <= 0) {
            throw new IllegalArgumentException("scanConcurrency must be > 0, was " + scanConcurrency);
        }
    }

    /** Support with the original's defaults: one-day TTL, UTC system clock. */
    public static RepositorySupport of(RedisOps ops, RedisValueCodec codec, KeyFactory keys) {
        return new RepositorySupport(ops, codec, keys, DEFAULT_TTL, Clock.systemUTC(), DEFAULT_SCAN_CONCURRENCY);
    }

    /** A copy with another default TTL. */
    public RepositorySupport withDefaultTtl(Duration ttl) {
        return new RepositorySupport(ops, codec, keys, ttl, clock, scanConcurrency);
    }

    /** A copy with another clock (tests, simulations). */
    public RepositorySupport withClock(Clock newClock) {
        return new RepositorySupport(ops, codec, keys, defaultTtl, newClock, scanConcurrency);
    }
}
