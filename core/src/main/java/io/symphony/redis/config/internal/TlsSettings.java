package io.symphony.redis.config.internal;

import io.symphony.redis.config.TlsOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Chooses each alias's {@link TlsOptions} and applies the verify mode to its Lettuce URIs. */
public final class TlsSettings {

    /** URL query option: the CA certificate file (PEM). */
    public static final String CA_FILE = "tlsCaFile";
    /** URL query option: the client certificate chain file (PEM). */
    public static final String CERT_FILE = "tlsCertFile";
    /** URL query option: the client's PKCS#8 key file (PEM, unencrypted). */
    public static final String KEY_FILE = "tlsKeyFile";

    private TlsSettings() {
    }

    /**
     * The options of {@code alias}: its own ({@code aliasTls}, else the URL's {@code tlsCaFile}/{@code tlsCertFile}/
     * {@code tlsKeyFile} query options), else the ones for every alias when its URL uses TLS, else none.
     *
     * @throws IllegalArgumentException when the alias has its own options but its URL does not use TLS
     */
    public static @Nullable TlsOptions forAlias(String alias, RedisURI uri, String url, @Nullable TlsOptions all,
            Map<String, TlsOptions> perAlias) {
        boolean urlUsesTls = uri.isSsl();
        String redactedUrl = UrlRedactor.redact(url);
        TlsOptions own = perAlias.containsKey(alias) ? perAlias.get(alias) : fromUrl(uri, url);
        if (own != null && !urlUsesTls) {
            throw new IllegalArgumentException("TLS options were given for pool alias '" + alias + "' but its URL "
                    + redactedUrl + " does not use TLS: use rediss://, rediss-sentinel:// or rediss-cluster://");
        }
        if (own != null) {
            return own;
        }
        return urlUsesTls ? all : null;
    }

    /**
     * The TLS options named in the URL's query ({@code tlsCaFile}, {@code tlsCertFile} with {@code tlsKeyFile}, and
     * Lettuce's own {@code verifyPeer}), or {@code null} when it names no file. Key passwords have no URL option:
     * URLs end up in shell histories and process lists.
     */
    public static @Nullable TlsOptions fromUrl(RedisURI uri, String url) {
        Map<String, String> query = query(url);
        @Nullable String ca = query.get(CA_FILE);
        @Nullable String cert = query.get(CERT_FILE);
        @Nullable String key = query.get(KEY_FILE);
        if (ca == null && cert == null && key == null) {
            return null;
        }
        TlsOptions.Builder options = TlsOptions.builder()
                .verifyMode(TlsOptions.VerifyMode.valueOf(uri.getVerifyMode().name()));
        if (ca != null) {
            options.caCertificate(Path.of(ca));
        }
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new IllegalArgumentException("Redis URL " + UrlRedactor.redact(url) + " must give " + CERT_FILE
                        + " and " + KEY_FILE + " together");
            }
            options.clientCertificate(Path.of(cert), Path.of(key));
        }
        return options.build();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new HashMap<>();
        int start = url.indexOf('?');
        if (start < 0) {
            return values;
        }
        int end = url.indexOf('#', start);
        for (String pair : url.substring(start + 1, end < 0 ? url.length() : end).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Fail when options for every alias were given but no alias connects over TLS (they would be ignored). */
    public static void requireSomeTlsEndpoint(@Nullable TlsOptions all, List<PoolEndpoint> pools) {
        if (all != null && pools.stream().noneMatch(pool -> pool.uris().get(0).isSsl())) {
            throw new IllegalArgumentException("TLS options were given but no URL uses TLS (" + pools.stream()
                    .map(PoolEndpoint::redactedUrl).distinct().toList()
                    + "): use rediss://, rediss-sentinel:// or rediss-cluster://");
        }
    }

    /** Set the options' verify mode on every TLS URI (and TLS sentinel) of an alias. */
    public static void applyVerifyMode(String alias, List<RedisURI> uris, TlsOptions tls) {
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
