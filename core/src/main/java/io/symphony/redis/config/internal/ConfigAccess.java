package io.symphony.redis.config.internal;

import io.symphony.redis.config.SymphonyRedisConfig;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Hands the resolved endpoints of a {@link SymphonyRedisConfig} to the toolkit's own connection code without making
 * them API: an endpoint holds Lettuce URIs with credentials, which no public accessor may expose.
 *
 * <p>{@link SymphonyRedisConfig} registers its accessor when the class is initialised, which happens before any
 * instance exists; the first registration wins.
 */
public final class ConfigAccess {

    private static volatile @Nullable Function<SymphonyRedisConfig, List<PoolEndpoint>> pools;

    private ConfigAccess() {
    }

    /** Called once by {@link SymphonyRedisConfig}'s static initialiser; later calls are ignored. */
    public static synchronized void register(Function<SymphonyRedisConfig, List<PoolEndpoint>> accessor) {
        if (pools == null) {
            pools = Objects.requireNonNull(accessor, "accessor");
        }
    }

    /** Where each alias of {@code config} points, in configuration order. */
    public static List<PoolEndpoint> pools(SymphonyRedisConfig config) {
        Objects.requireNonNull(config, "config");
        return Objects.requireNonNull(pools, "SymphonyRedisConfig registers its accessor on initialisation")
                .apply(config);
    }
}
