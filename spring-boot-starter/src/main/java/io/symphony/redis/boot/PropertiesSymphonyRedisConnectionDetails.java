package io.symphony.redis.boot;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The connection details written in {@code symphony.redis.url} and {@code symphony.redis.alias-urls.*}. */
final class PropertiesSymphonyRedisConnectionDetails implements SymphonyRedisConnectionDetails {

    private final SymphonyRedisProperties properties;

    PropertiesSymphonyRedisConnectionDetails(SymphonyRedisProperties properties) {
        this.properties = properties;
    }

    @Override
    public @Nullable String getUrl() {
        return properties.getUrl();
    }

    @Override
    public Map<String, String> getAliasUrls() {
        return properties.getAliasUrls();
    }
}
