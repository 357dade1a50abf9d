package io.symphony.redis.boot;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where Symphony Redis connects: Boot's {@link ConnectionDetails} for the toolkit. By default it is read from
 * {@code symphony.redis.url} and {@code symphony.redis.alias-urls.*}; a bean of this type (for example one that
 * {@code @ServiceConnection} creates for a Redis container in a test) takes their place, while every other
 * {@code symphony.redis.*} property still applies.
 *
 * @since 0.1
 */
public interface SymphonyRedisConnectionDetails extends ConnectionDetails {

    /** The URL for every pool alias without one of its own; {@code null} when only {@link #getAliasUrls()} are. */
    @Nullable String getUrl();

    /** The URL per pool alias, used verbatim; empty by default. */
    default Map<String, String> getAliasUrls() {
        return Map.of();
    }
}
