package io.symphony.redis.connection.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SslOptions;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.config.TlsOptions;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps {@link TlsOptions} onto Lettuce's {@link SslOptions}; the verify mode is already on the endpoint's URIs.
 *
 * <p>Lettuce reads the files named here on every connect, so a renewed certificate is picked up by the next
 * (re)connection. Passwords go to Lettuce as {@code char[]} copies and nowhere else.
 */
public final class LettuceTls {

    private static final Logger log = LoggerFactory.getLogger(LettuceTls.class);

    private LettuceTls() {
    }

    /**
     * Add the endpoint's TLS options to client options being built; without options nothing changes (JDK trust
     * store, no client certificate).
     */
    public static <B extends ClientOptions.Builder> B apply(B builder, PoolEndpoint endpoint) {
        @Nullable TlsOptions tls = endpoint.tls();
        if (tls != null) {
            builder.sslOptions(sslOptions(tls));
        }
        return builder;
    }

    /** Log once per client that the server's certificate is not checked, when the endpoint says so. */
    public static void warnIfUnverified(PoolEndpoint endpoint) {
        @Nullable TlsOptions tls = endpoint.tls();
        if (tls != null && tls.verifyMode() == TlsOptions.VerifyMode.NONE) {
            log.warn("TLS peer verification is off for pool '{}' ({}): any server is trusted, so a man in the middle "
                    + "can read and change every command; use verify mode FULL or CA outside tests",
                    endpoint.alias(), endpoint.redactedUrl());
        }
    }

    /** The Lettuce SSL options for these TLS options. */
    public static SslOptions sslOptions(TlsOptions tls) {
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        @Nullable Path ca = tls.caCertificate();
        @Nullable Path trustStore = tls.trustStore();
        @Nullable Path certificate = tls.clientCertificate();
        @Nullable Path key = tls.clientKey();
        @Nullable Path keyStore = tls.keyStore();
        if (ca != null) {
            ssl.trustManager(ca.toFile());
        }
        if (trustStore != null) {
            ssl.truststore(SslOptions.Resource.from(trustStore.toFile()), orEmpty(tls.trustStorePassword()));
        }
        if (certificate != null && key != null) {
            ssl.keyManager(certificate.toFile(), key.toFile(), tls.clientKeyPassword());
        }
        if (keyStore != null) {
            ssl.keystore(SslOptions.Resource.from(keyStore.toFile()), orEmpty(tls.keyStorePassword()));
        }
        if (!tls.protocols().isEmpty()) {
            ssl.protocols(tls.protocols().toArray(String[]::new));
        }
        if (!tls.cipherSuites().isEmpty()) {
            ssl.cipherSuites(tls.cipherSuites().toArray(String[]::new));
        }
        return ssl.build();
    }

    private static char[] orEmpty(char @Nullable [] password) {
        return password == null ? new char[0] : password;
    }
}
