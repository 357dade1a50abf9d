package io.symphony.redis.testsupport;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Where a test Redis server comes from; {@link #name()} is what {@link TestRedis#source()} reports. */
enum ServerSource {

    /** An external server named by the {@code REDIS_URL} environment variable; never started or flushed by us. */
    REDIS_URL,
    /** {@code redis-server} found on {@code PATH}, started by us. */
    PATH,
    /** The Linux/macOS binary shipped inside {@code com.github.codemonstur:embedded-redis}, started by us. */
    EMBEDDED,
    /** A {@code redis:7-alpine} container started by Testcontainers. */
    TESTCONTAINERS;

    /** System property and environment variable that force a source: {@code path}, {@code embedded}, ... */
    static final String FORCE_PROPERTY = "SYMPHONY_TEST_REDIS_BINARY";

    /** Return the source forced by {@link #FORCE_PROPERTY} (system property first, then environment), if any. */
    static Optional<ServerSource> forced() {
        String value = System.getProperty(FORCE_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(FORCE_PROPERTY);
        }
        return parse(value);
    }

    /** Parse a forced-source value; blank means none, an unknown or {@code redis_url} value is an error. */
    static Optional<ServerSource> parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        for (ServerSource source : values()) {
            if (source != REDIS_URL && source.name().equals(normalized)) {
                return Optional.of(source);
            }
        }
        throw new IllegalStateException(FORCE_PROPERTY + "=" + value
                + " is not one of: path, embedded, testcontainers");
    }

    /** Tell whether servers from this source were started by the test kit (and so may be flushed). */
    boolean startedByUs() {
        return this != REDIS_URL;
    }
}
