package io.symphony.redis.config;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Chooses each alias's {@link TlsOptions} and applies the verify mode to its Lettuce URIs. */
final class TlsSettings {

    private TlsSettings() {
    }

    /**
     * The options of {@code alias}: its own, else the ones for every alias when its URL uses TLS, else none.
     *
     * @throws IllegalArgumentException when the alias has its own options but its URL does not use TLS
     */
    static @Nullable TlsOptions forAlias(String alias, boolean urlUsesTls, @Nullable TlsOptions all,
            Map<String, TlsOptions> perAlias, String redactedUrl) {
        TlsOptions own = perAlias.get(alias);
        if (own != null && !urlUsesTls) {
            throw new IllegalArgumentException("TLS options were given for pool alias '" + alias + "' but its URL "
                    + redactedUrl + " does not use TLS: use rediss://, rediss-sentinel:// or rediss-cluster://");
        }
        if (own != null) {
            return own;
        }
        return urlUsesTls ? all : null;
    }

    /** Fail when options for every alias were given but no alias connects over TLS (they would be ignored). */
    static void requireSomeTlsEndpoint(@Nullable TlsOptions all, List<PoolEndpoint> pools) {
        if (all != null && pools.stream().noneMatch(pool -> pool.uris().get(0).isSsl())) {
            throw new IllegalArgumentException("TLS options were given but no URL uses TLS (" + pools.stream()
                    .map(PoolEndpoint::redactedUrl).distinct().toList()
                    + "): use rediss://, rediss-sentinel:// or rediss-cluster://");
        }
    }

    /** Set the options' verify mode on every TLS URI (and TLS sentinel) of an alias. */
    static void applyVerifyMode(String alias, List<RedisURI> uris, TlsOptions tls) {
        SslVerifyMode mode = SslVerifyMode.valueOf(tls.verifyMode().name());
        for (RedisURI uri : uris) {
            if (!uri.isSsl()) {
                throw new IllegalArgumentException("pool '" + alias + "' has TLS options but its server "
                        + uri.getHost() + ":" + uri.getPort() + " is not reached over TLS");
            }
            uri.setVerifyPeer(mode);
            for (RedisURI sentinel : uri.getSentinels()) {
                if (sentinel.isSsl()) {
                    sentinel.setVerifyPeer(mode);
                }
            }
        }
    }
}
