package io.symphony.redis.webflux.autoconfigure;

import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.config.internal.UrlRedactor;
import io.symphony.redis.webflux.HeaderTenantResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code symphony.redis.*} properties.
 *
 * <pre>
 * symphony.redis.url=redis://localhost:6379          # one server, one DB per alias
 * symphony.redis.alias-urls.user=redis://cache:6379/11 # per alias, verbatim (others fall back to url)
 * symphony.redis.strategy=SHARED_ROUND_ROBIN         # or SHARED (one connection), POOLED
 * symphony.redis.pool-size=8
 * symphony.redis.command-timeout=10s                 # also the tools' wait per Redis call
 * symphony.redis.listener.enabled=true               # run the trigger listener in this instance
 * symphony.redis.web.enabled=true                    # register the request filter
 * symphony.redis.web.tenant-header=X-Tenant-Id
 * symphony.redis.web.user-header=X-User-Id
 * symphony.redis.tls.ca-file=/etc/redis/ca.crt          # TLS (rediss:// URLs): trusted CA, PEM
 * symphony.redis.tls.cert-file=/etc/redis/client.crt    # mutual TLS: client certificate chain, PEM
 * symphony.redis.tls.key-file=/etc/redis/client.key     # and its PKCS#8 key, PEM (key-password if encrypted)
 * symphony.redis.tls.verify-peer=FULL                   # or CA, NONE
 * symphony.redis.alias-tls.user.ca-file=/etc/redis/other-ca.crt  # per alias, for an alias URL elsewhere
 * </pre>
 *
 * @param url the single URL; {@code null} when only {@code alias-urls} are used
 * @param aliasUrls a URL per pool alias
 * @param strategy how connections are shared
 * @param poolSize connections per server and DB with {@code POOLED} and {@code SHARED_ROUND_ROBIN}
 * @param commandTimeout the command timeout
 * @param listener the trigger listener's settings
 * @param web the request filter's settings
 * @param tls TLS options for every alias whose URL uses TLS; {@code null} for the JDK defaults
 * @param aliasTls TLS options per alias
 * @since 0.1
 */
@ConfigurationProperties("symphony.redis")
public record SymphonyRedisProperties(@Nullable String url, @Nullable Map<String, String> aliasUrls,
        @DefaultValue("SHARED_ROUND_ROBIN") ConnectionStrategy strategy, @DefaultValue("8") int poolSize,
        @DefaultValue("10s") Duration commandTimeout, @DefaultValue Listener listener, @DefaultValue Web web,
        @Nullable Tls tls, @Nullable Map<String, Tls> aliasTls) {

    /** Build the core configuration these properties describe. */
    public SymphonyRedisConfig toConfig() {
        SymphonyRedisConfig.Builder builder = SymphonyRedisConfig.builder()
                .connectionStrategy(strategy)
                .poolSize(poolSize)
                .commandTimeout(commandTimeout);
        if (url != null) {
            builder.url(url);
        }
        if (aliasUrls != null) {
            builder.aliasUrls(aliasUrls);
        }
        if (tls != null) {
            builder.tls(tls.toOptions());
        }
        if (aliasTls != null) {
            aliasTls.forEach((alias, options) -> builder.aliasTls(alias, options.toOptions()));
        }
        return builder.build();
    }

    /** Describe the properties with every password masked. */
    @Override
    public String toString() {
        return "SymphonyRedisProperties[url=" + (url == null ? null : UrlRedactor.redact(url)) + ", aliasUrls="
                + (aliasUrls == null ? null : aliasUrls.entrySet().stream()
                        .map(e -> e.getKey() + "=" + UrlRedactor.redact(e.getValue())).toList())
                + ", strategy=" + strategy + ", poolSize=" + poolSize + ", commandTimeout=" + commandTimeout
                + ", listener=" + listener + ", web=" + web + ", tls=" + tls + ", aliasTls=" + aliasTls + "]";
    }

    /**
     * TLS options ({@code symphony.redis.tls.*}, {@code symphony.redis.alias-tls.<alias>.*}); see {@link TlsOptions}.
     * TLS itself is switched on by a {@code rediss://} URL.
     *
     * @param caFile trusted CA certificate(s), PEM; or {@code trustStore}
     * @param trustStore trust store file (PKCS#12 or JKS)
     * @param trustStorePassword its password
     * @param certFile client certificate chain for mutual TLS, PEM (with {@code keyFile}); or {@code keyStore}
     * @param keyFile the client's PKCS#8 private key, PEM
     * @param keyPassword the key's password when it is encrypted
     * @param keyStore client key store (PKCS#12 or JKS)
     * @param keyStorePassword its password
     * @param verifyPeer {@code FULL} (default), {@code CA} or {@code NONE}
     * @param protocols TLS protocols to offer; empty for the JDK's
     * @param cipherSuites cipher suites to offer; empty for the JDK's
     * @since 0.1
     */
    public record Tls(@Nullable Path caFile, @Nullable Path trustStore, @Nullable String trustStorePassword,
            @Nullable Path certFile, @Nullable Path keyFile, @Nullable String keyPassword, @Nullable Path keyStore,
            @Nullable String keyStorePassword, @DefaultValue("FULL") TlsOptions.VerifyMode verifyPeer,
            @Nullable List<String> protocols, @Nullable List<String> cipherSuites) {

        /** The core TLS options these properties describe. */
        public TlsOptions toOptions() {
            TlsOptions.Builder options = TlsOptions.builder().verifyMode(verifyPeer);
            if (caFile != null) {
                options.caCertificate(caFile);
            }
            if (trustStore != null) {
                options.trustStore(trustStore, chars(trustStorePassword));
            }
            if (certFile != null || keyFile != null) {
                if (certFile == null || keyFile == null) {
                    throw new IllegalArgumentException("symphony.redis.tls: give cert-file and key-file together, "
                            + "were cert-file=" + certFile + ", key-file=" + keyFile);
                }
                options.clientCertificate(certFile, keyFile, chars(keyPassword));
            }
            if (keyStore != null) {
                options.keyStore(keyStore, chars(keyStorePassword));
            }
            if (protocols != null) {
                options.protocols(protocols);
            }
            if (cipherSuites != null) {
                options.cipherSuites(cipherSuites);
            }
            return options.build();
        }

        private static char @Nullable [] chars(@Nullable String password) {
            return password == null ? null : password.toCharArray();
        }

        /** The options as {@link TlsOptions#toString()} describes them: paths, never passwords. */
        @Override
        public String toString() {
            return "Tls[caFile=" + caFile + ", trustStore=" + trustStore + ", certFile=" + certFile + ", keyFile="
                    + keyFile + ", keyStore=" + keyStore + ", verifyPeer=" + verifyPeer
                    + (trustStorePassword == null ? "" : ", trustStorePassword=***")
                    + (keyPassword == null ? "" : ", keyPassword=***")
                    + (keyStorePassword == null ? "" : ", keyStorePassword=***") + "]";
        }
    }

    /**
     * The trigger listener's settings.
     *
     * @param enabled whether this instance runs the listener (every instance may: each trigger fires once)
     */
    public record Listener(@DefaultValue("true") boolean enabled) {
    }

    /**
     * The request filter's settings.
     *
     * @param enabled whether the filter is registered
     * @param tenantHeader the header {@link HeaderTenantResolver} reads the tenant from
     * @param userHeader the header {@link HeaderTenantResolver} reads the user from
     */
    public record Web(@DefaultValue("true") boolean enabled,
            @DefaultValue(HeaderTenantResolver.DEFAULT_TENANT_HEADER) String tenantHeader,
            @DefaultValue(HeaderTenantResolver.DEFAULT_USER_HEADER) String userHeader) {
    }
}
