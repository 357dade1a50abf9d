package io.symphony.redis.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority made for one test run: an EC P-256 CA certificate, and server and client
 * certificates it signs, written as PEM files (certificates as {@code CERTIFICATE}, keys as unencrypted PKCS#8
 * {@code PRIVATE KEY}) into a directory, for TLS servers of the test kit ({@link TlsRedisServer}) and the clients
 * that talk to them. Nothing is read from elsewhere. Needs {@code org.bouncycastle:bcpkix-jdk18on} on the test class
 * path (an optional dependency of the test kit).
 *
 * <p>Server certificates name {@code 127.0.0.1} and {@code localhost} as subject alternative names, so clients can
 * verify the host; every certificate is valid from an hour ago for a day unless {@link #issue issued} otherwise.
 */
public final class TestCertificateAuthority {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(1);

    private final String name;
    private final Path directory;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Path certificateFile;

    private TestCertificateAuthority(String name, Path directory, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.directory = directory;
        this.keys = keys;
        this.certificate = certificate;
        this.certificateFile = write(directory.resolve(name + "-ca.crt"), pem("CERTIFICATE", encoded(certificate)));
    }

    /** Create a CA named {@code name} (its common name) writing its files into {@code directory}. */
    public static TestCertificateAuthority create(Path directory, String name) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(name, "name");
        KeyPair keys = newKeys();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name + " test CA");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(DEFAULT_VALIDITY)), subject,
                keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestCertificateAuthority(name, directory, keys, sign(builder, keys.getPrivate()));
    }

    /** Create a CA in a new temp directory, deleted at JVM exit. */
    public static TestCertificateAuthority create(String name) {
        try {
            Path dir = Files.createTempDirectory("symphony-test-pki-");
            dir.toFile().deleteOnExit();
            return create(dir, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate (PEM), what a client or server trusts. */
    public Path certificate() {
        return certificateFile;
    }

    /** Write the CA certificate into a PKCS#12 trust store protected by {@code password}. */
    public Path trustStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(name + "-ca", certificate);
            Path file = directory.resolve(name + "-ca.p12");
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not write a trust store for " + this, e);
        }
    }

    /** The directory holding every file of this CA. */
    public Path directory() {
        return directory;
    }

    /** Issue a server certificate for {@code 127.0.0.1} and {@code localhost}, valid now. */
    public IssuedCertificate issueServer(String name) {
        Instant now = Instant.now();
        return issue(name, now.minus(Duration.ofHours(1)), now.plus(DEFAULT_VALIDITY), true);
    }

    /** Issue a client certificate, valid now. */
    public IssuedCertificate issueClient(String name) {
        Instant now = Instant.now();
        return issue(name, now.minus(Duration.ofHours(1)), now.plus(DEFAULT_VALIDITY), false);
    }

    /** Issue a certificate that expired yesterday (a server one when {@code server}, else a client one). */
    public IssuedCertificate issueExpired(String name, boolean server) {
        Instant now = Instant.now();
        return issue(name, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)), server);
    }

    /**
     * Issue a certificate valid from {@code notBefore} to {@code notAfter}; a server certificate names
     * {@code 127.0.0.1} and {@code localhost}. Writes {@code <name>.crt} and {@code <name>.key}.
     */
    public IssuedCertificate issue(String name, Instant notBefore, Instant notAfter, boolean server) {
        return issue(name, notBefore, notAfter, server, server);
    }

    /** Issue a server certificate valid now that names no host (no subject alternative names). */
    public IssuedCertificate issueServerWithoutHostNames(String name) {
        Instant now = Instant.now();
        return issue(name, now.minus(Duration.ofHours(1)), now.plus(DEFAULT_VALIDITY), true, false);
    }

    private IssuedCertificate issue(String name, Instant notBefore, Instant notAfter, boolean server,
            boolean hostNames) {
        KeyPair pair = newKeys();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + name), pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            if (hostNames) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        X509Certificate issued = sign(builder, keys.getPrivate());
        Path certFile = write(directory.resolve(name + ".crt"), pem("CERTIFICATE", encoded(issued)));
        Path keyFile = write(directory.resolve(name + ".key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return new IssuedCertificate(name, certFile, keyFile, issued, pair.getPrivate(), certificate);
    }

    @Override
    public String toString() {
        return "TestCertificateAuthority[" + name + ", " + certificateFile + "]";
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC key pair generator", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a test certificate", e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static byte[] encoded(Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static Path write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /**
     * A certificate this CA issued, with its files.
     *
     * @param name the name it was issued under (its common name and file name)
     * @param certificate the certificate file (PEM)
     * @param privateKey the unencrypted PKCS#8 private key file (PEM)
     * @param x509 the certificate itself
     * @param key the private key itself
     * @param issuer the CA certificate
     */
    public record IssuedCertificate(String name, Path certificate, Path privateKey, X509Certificate x509,
            PrivateKey key, X509Certificate issuer) {

        /** Write the certificate and key into a PKCS#12 key store protected by {@code password}. */
        public Path toPkcs12(char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(name, key, password, new Certificate[] {x509, issuer});
                Path file = certificate.resolveSibling(name + ".p12");
                try (var out = Files.newOutputStream(file)) {
                    store.store(out, password);
                }
                file.toFile().deleteOnExit();
                return file;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("could not write a PKCS#12 key store for " + name, e);
            }
        }

        /** The PEM texts of certificate and key, to check that none of them leaks anywhere. */
        public List<String> pemTexts() {
            List<String> texts = new ArrayList<>();
            try {
                texts.add(Files.readString(certificate));
                texts.add(Files.readString(privateKey));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return texts;
        }
    }
}
