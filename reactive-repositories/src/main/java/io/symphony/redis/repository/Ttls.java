package io.symphony.redis.repository;

import java.time.Duration;
import java.util.Objects;

/** TTL argument checks: every TTL the repositories accept is at least one second. */
final class Ttls {

    private Ttls() {
    }

    static Duration requirePositive(Duration ttl, String name) {
        Objects.requireNonNull(ttl, name);
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 s, was " + ttl);
        }
        return ttl;
    }
}
