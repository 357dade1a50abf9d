package io.symphony.redis.config.internal;

import io.symphony.redis.config.TlsOptions;
import io.lettuce.core.RedisURI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one pool alias points after configuration was resolved.
 *
 * <p>{@link #toString()} and {@link #redactedUrl()} never contain a password.
 *
 * @param alias the pool alias
 * @param db the DB its keys land in ({@code 0} on Redis Cluster)
 * @param uris the Lettuce URI of the server (standalone or Sentinel: one; Cluster: the seed nodes)
 * @param redactedUrl the configured URL with credentials masked, for logs and messages
 * @param cluster whether {@code uris} are Redis Cluster seed nodes
 * @param tls how TLS connections of this alias authenticate, or {@code null} for the JDK defaults; set only when
 *     the URL uses TLS. Its {@link TlsOptions#verifyMode() verify mode} is applied to {@code uris}
 * @since 0.1
 */
public record PoolEndpoint(String alias, int db, List<RedisURI> uris, String redactedUrl, boolean cluster,
        @Nullable TlsOptions tls) {

    /** Validate and copy; with TLS options, set their verify mode on the URIs. */
    public PoolEndpoint {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(redactedUrl, "redactedUrl");
        uris = List.copyOf(uris);
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("pool '" + alias + "' has no server URI");
        }
        if (tls != null) {
            TlsSettings.applyVerifyMode(alias, uris, tls);
        }
    }

    /** An endpoint without TLS options (plain, or TLS with the JDK's defaults). */
    public PoolEndpoint(String alias, int db, List<RedisURI> uris, String redactedUrl, boolean cluster) {
        this(alias, db, uris, redactedUrl, cluster, null);
    }

    /**
     * Identity of the physical target: aliases with equal targets share one connection (or one pool).
     *
     * <p>Includes credentials so that two users on one server never share a connection; never log it.
     */
    public String targetIdentity() {
        StringBuilder identity = new StringBuilder(cluster ? "cluster|" : "node|");
        for (RedisURI uri : uris) {
            identity.append(uri.toURI()).append('|').append(uri.getDatabase()).append('|')
                    .append(uri.getSentinelMasterId()).append('|').append(uri.isSsl()).append(';');
        }
        if (tls != null) {
            identity.append(tls); // two client identities on one server never share a connection
        }
        return identity.toString();
    }

    @Override
    public String toString() {
        return "PoolEndpoint[" + alias + " -> " + redactedUrl + " db " + db + "]";
    }
}
