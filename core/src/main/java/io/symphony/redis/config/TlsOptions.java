package io.symphony.redis.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@code rediss://} connection authenticates the server and, for mutual TLS, itself: which CA to trust, which
 * client certificate to present, how strictly to verify the peer, and which protocols and cipher suites to offer.
 *
 * <p>TLS itself is switched on by the URL scheme ({@code rediss://}, {@code rediss-sentinel://},
 * {@code rediss-cluster://}); these options say how. Without them a TLS connection trusts the JDK's default CAs and
 * presents no certificate. Set them for every alias with {@link SymphonyRedisConfig.Builder#tls(TlsOptions)} or
 * per alias with {@link SymphonyRedisConfig.Builder#aliasTls(String, TlsOptions)}.
 *
 * <ul>
 *   <li>Trust: a CA certificate file (PEM, one or more certificates) <em>or</em> a trust store (PKCS#12 or JKS,
 *   with an optional password); neither means the JDK's default trust store.</li>
 *   <li>Client identity (mutual TLS, needed by a server with {@code tls-auth-clients yes}): a certificate chain and
 *   a PKCS#8 private key (PEM, the key optionally encrypted with a password) <em>or</em> a key store (PKCS#12 or
 *   JKS) with its password.</li>
 *   <li>{@link VerifyMode}: {@code FULL} (default: chain and host name), {@code CA} (chain only) or {@code NONE}
 *   (nothing; logged as a warning when a client is created).</li>
 * </ul>
 *
 * <p>Files must exist and be readable when {@link Builder#build()} runs; their content is read when a connection
 * is made, and a bad file then fails the connection. Passwords are copied, never shown: {@link #toString()} prints
 * file paths and {@code ***} for a password that is set.
 *
 * @since 0.1
 */
public final class TlsOptions {

    /** Default peer verification: {@link VerifyMode#FULL}, the certificate chain and the host name. */
    public static final VerifyMode DEFAULT_VERIFY_MODE = VerifyMode.FULL;
    /** Default protocols: empty, meaning the JDK's enabled TLS protocols. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of();
    /** Default cipher suites: empty, meaning the JDK's enabled cipher suites. */
    public static final List<String> DEFAULT_CIPHER_SUITES = List.of();

    private static final TlsOptions DEFAULTS = builder().build();

    private final @Nullable Path caCertificate;
    private final @Nullable Path trustStore;
    private final char @Nullable [] trustStorePassword;
    private final @Nullable Path clientCertificate;
    private final @Nullable Path clientKey;
    private final char @Nullable [] clientKeyPassword;
    private final @Nullable Path keyStore;
    private final char @Nullable [] keyStorePassword;
    private final VerifyMode verifyMode;
    private final List<String> protocols;
    private final List<String> cipherSuites;

    private TlsOptions(Builder b) {
        this.caCertificate = b.caCertificate;
        this.trustStore = b.trustStore;
        this.trustStorePassword = copy(b.trustStorePassword);
        this.clientCertificate = b.clientCertificate;
        this.clientKey = b.clientKey;
        this.clientKeyPassword = copy(b.clientKeyPassword);
        this.keyStore = b.keyStore;
        this.keyStorePassword = copy(b.keyStorePassword);
        this.verifyMode = b.verifyMode;
        this.protocols = List.copyOf(b.protocols);
        this.cipherSuites = List.copyOf(b.cipherSuites);
    }

    /** Start a builder holding the defaults: JDK trust store, no client certificate, {@code FULL} verification. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: JDK trust store, no client certificate, {@code FULL} verification, JDK protocols and ciphers. */
    public static TlsOptions defaults() {
        return DEFAULTS;
    }

    /** A builder holding every value of these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The CA certificate file (PEM) trusted for the server's certificate, or {@code null}. */
    public @Nullable Path caCertificate() {
        return caCertificate;
    }

    /** The trust store file, or {@code null}. */
    public @Nullable Path trustStore() {
        return trustStore;
    }

    /** A copy of the trust store password, or {@code null}. Never log it. */
    public char @Nullable [] trustStorePassword() {
        return copy(trustStorePassword);
    }

    /** The client certificate chain file (PEM), or {@code null}. */
    public @Nullable Path clientCertificate() {
        return clientCertificate;
    }

    /** The client's PKCS#8 private key file (PEM), or {@code null}. */
    public @Nullable Path clientKey() {
        return clientKey;
    }

    /** A copy of the password of an encrypted client key, or {@code null}. Never log it. */
    public char @Nullable [] clientKeyPassword() {
        return copy(clientKeyPassword);
    }

    /** The client key store file, or {@code null}. */
    public @Nullable Path keyStore() {
        return keyStore;
    }

    /** A copy of the key store password, or {@code null}. Never log it. */
    public char @Nullable [] keyStorePassword() {
        return copy(keyStorePassword);
    }

    /** How the server's certificate is checked. */
    public VerifyMode verifyMode() {
        return verifyMode;
    }

    /** TLS protocols offered (e.g. {@code TLSv1.3}); empty means the JDK's enabled protocols. */
    public List<String> protocols() {
        return protocols;
    }

    /** Cipher suites offered; empty means the JDK's enabled cipher suites. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** Whether a client certificate is presented (mutual TLS). */
    public boolean presentsClientCertificate() {
        return clientCertificate != null || keyStore != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TlsOptions other)) {
            return false;
        }
        return Objects.equals(caCertificate, other.caCertificate) && Objects.equals(trustStore, other.trustStore)
                && Arrays.equals(trustStorePassword, other.trustStorePassword)
                && Objects.equals(clientCertificate, other.clientCertificate)
                && Objects.equals(clientKey, other.clientKey)
                && Arrays.equals(clientKeyPassword, other.clientKeyPassword)
                && Objects.equals(keyStore, other.keyStore) && Arrays.equals(keyStorePassword, other.keyStorePassword)
                && verifyMode == other.verifyMode && protocols.equals(other.protocols)
                && cipherSuites.equals(other.cipherSuites);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caCertificate, trustStore, Arrays.hashCode(trustStorePassword), clientCertificate,
                clientKey, Arrays.hashCode(clientKeyPassword), keyStore, Arrays.hashCode(keyStorePassword),
                verifyMode, protocols, cipherSuites);
    }

    /** Describe the options: file paths, verify mode, protocols, ciphers; a set password shows as {@code ***}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TlsOptions[verify=").append(verifyMode);
        append(s, "ca", caCertificate);
        append(s, "trustStore", trustStore);
        mask(s, "trustStorePassword", trustStorePassword);
        append(s, "clientCertificate", clientCertificate);
        append(s, "clientKey", clientKey);
        mask(s, "clientKeyPassword", clientKeyPassword);
        append(s, "keyStore", keyStore);
        mask(s, "keyStorePassword", keyStorePassword);
        if (!protocols.isEmpty()) {
            s.append(", protocols=").append(protocols);
        }
        if (!cipherSuites.isEmpty()) {
            s.append(", cipherSuites=").append(cipherSuites);
        }
        return s.append(']').toString();
    }

    private static void append(StringBuilder s, String name, @Nullable Path value) {
        if (value != null) {
            s.append(", ").append(name).append('=').append(value);
        }
    }

    private static void mask(StringBuilder s, String name, char @Nullable [] value) {
        if (value != null) {
            s.append(", ").append(name).append("=***");
        }
    }

    private static char @Nullable [] copy(char @Nullable [] value) {
        return value == null ? null : value.clone();
    }

    /**
     * How strictly the server's certificate is checked.
     *
     * @since 0.1
     */
    public enum VerifyMode {
        /** Check the certificate chain against the trusted CAs and the host name against the certificate. */
        FULL,
        /** Check the certificate chain only; any host name is accepted. */
        CA,
        /** Check nothing: any server is trusted. Only for tests; a warning is logged when a client is created. */
        NONE
    }

    /**
     * Builds {@link TlsOptions}; setters reject bad values naming them, {@link #build()} checks that files exist and
     * that alternatives (CA file or trust store, certificate and key or key store) are not mixed.
     *
     * @since 0.1
     */
    public static final class Builder {

        private @Nullable Path caCertificate;
        private @Nullable Path trustStore;
        private char @Nullable [] trustStorePassword;
        private @Nullable Path clientCertificate;
        private @Nullable Path clientKey;
        private char @Nullable [] clientKeyPassword;
        private @Nullable Path keyStore;
        private char @Nullable [] keyStorePassword;
        private VerifyMode verifyMode = DEFAULT_VERIFY_MODE;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites = DEFAULT_CIPHER_SUITES;

        private Builder() {
        }

        private Builder(TlsOptions o) {
            this.caCertificate = o.caCertificate;
            this.trustStore = o.trustStore;
            this.trustStorePassword = copy(o.trustStorePassword);
            this.clientCertificate = o.clientCertificate;
            this.clientKey = o.clientKey;
            this.clientKeyPassword = copy(o.clientKeyPassword);
            this.keyStore = o.keyStore;
            this.keyStorePassword = copy(o.keyStorePassword);
            this.verifyMode = o.verifyMode;
            this.protocols = o.protocols;
            this.cipherSuites = o.cipherSuites;
        }

        /** Trust the CA certificate(s) in this PEM file for the server's certificate (instead of the JDK's CAs). */
        public Builder caCertificate(Path pemFile) {
            this.caCertificate = Objects.requireNonNull(pemFile, "caCertificate");
            return this;
        }

        /** Trust the CAs of this trust store (PKCS#12 or JKS, the JDK's default type), without a password. */
        public Builder trustStore(Path file) {
            return trustStore(file, null);
        }

        /** Trust the CAs of this trust store (PKCS#12 or JKS); the password may be {@code null}. */
        public Builder trustStore(Path file, char @Nullable [] password) {
            this.trustStore = Objects.requireNonNull(file, "trustStore");
            this.trustStorePassword = copy(password);
            return this;
        }

        /**
         * Present this client certificate chain (PEM) with its PKCS#8 private key (PEM, unencrypted) for mutual TLS.
         */
        public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem) {
            return clientCertificate(certificateChainPem, privateKeyPem, null);
        }

        /**
         * Present this client certificate chain (PEM) with its PKCS#8 private key (PEM), encrypted with
         * {@code keyPassword} unless it is {@code null}, for mutual TLS.
         */
        public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem, char @Nullable [] keyPassword) {
            this.clientCertificate = Objects.requireNonNull(certificateChainPem, "clientCertificate");
            this.clientKey = Objects.requireNonNull(privateKeyPem, "clientKey");
            this.clientKeyPassword = copy(keyPassword);
            return this;
        }

        /** Present the client certificate and key held in this key store (PKCS#12 or JKS) for mutual TLS. */
        public Builder keyStore(Path file, char @Nullable [] password) {
            this.keyStore = Objects.requireNonNull(file, "keyStore");
            this.keyStorePassword = copy(password);
            return this;
        }

        /** How strictly the server's certificate is checked; default {@link VerifyMode#FULL}. */
        public Builder verifyMode(VerifyMode mode) {
            this.verifyMode = Objects.requireNonNull(mode, "verifyMode");
            return this;
        }

        /** Offer only these TLS protocols, e.g. {@code TLSv1.3}; empty (default) means the JDK's. */
        public Builder protocols(List<String> protocols) {
            this.protocols = names("protocols", protocols);
            return this;
        }

        /** Offer only these cipher suites; empty (default) means the JDK's. */
        public Builder cipherSuites(List<String> cipherSuites) {
            this.cipherSuites = names("cipherSuites", cipherSuites);
            return this;
        }

        /**
         * Validate and build.
         *
         * @throws IllegalArgumentException if a CA file and a trust store, or a client certificate and a key store,
         *     are both given, or a file does not exist or cannot be read (the message names it)
         */
        public TlsOptions build() {
            if (caCertificate != null && trustStore != null) {
                throw new IllegalArgumentException("give a caCertificate or a trustStore, not both (were "
                        + caCertificate + " and " + trustStore + ")");
            }
            if (clientCertificate != null && keyStore != null) {
                throw new IllegalArgumentException("give a clientCertificate or a keyStore, not both (were "
                        + clientCertificate + " and " + keyStore + ")");
            }
            readable("caCertificate", caCertificate);
            readable("trustStore", trustStore);
            readable("clientCertificate", clientCertificate);
            readable("clientKey", clientKey);
            readable("keyStore", keyStore);
            return new TlsOptions(this);
        }

        private static void readable(String name, @Nullable Path file) {
            if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
                throw new IllegalArgumentException(name + " must be a readable file, was " + file);
            }
        }

        private static List<String> names(String what, List<String> values) {
            Objects.requireNonNull(values, what);
            for (String value : values) {
                if (value == null || value.isBlank() || !value.strip().equals(value)) {
                    throw new IllegalArgumentException(what + " must hold non-blank names without spaces around, was "
                            + values);
                }
            }
            return List.copyOf(values);
        }
    }
}
