package io.symphony.redis.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link PrivateRedisServer} that also listens for TLS on a second loopback port, with a server certificate issued
 * by a {@link TestCertificateAuthority} made for it, and a client certificate from the same CA for mutual TLS.
 *
 * <p>The plain port stays open on {@code 127.0.0.1} for the test kit (start-up PING, {@code SHUTDOWN}) and for
 * assertions ({@link #plain()}); the code under test uses {@link #tlsUri()}. {@link ClientAuth} sets
 * {@code tls-auth-clients}: {@code yes} (mutual TLS), {@code optional} or {@code no}.
 *
 * <p>Needs {@code org.bouncycastle:bcpkix-jdk18on} on the test class path (test scope). Use try-with-resources.
 */
public final class TlsRedisServer implements AutoCloseable {

    /** The {@code tls-auth-clients} setting. */
    public enum ClientAuth {
        /** {@code yes}: a client must present a certificate issued by the CA. */
        REQUIRED("yes"),
        /** {@code optional}: a certificate, if presented, must be issued by the CA. */
        OPTIONAL("optional"),
        /** {@code no}: client certificates are not asked for. */
        NONE("no");

        private final String value;

        ClientAuth(String value) {
            this.value = value;
        }
    }

    private final PrivateRedisServer plain;
    private final int tlsPort;
    private final TestCertificateAuthority ca;
    private final TestCertificateAuthority.IssuedCertificate server;
    private final TestCertificateAuthority.IssuedCertificate client;

    private TlsRedisServer(PrivateRedisServer plain, int tlsPort, TestCertificateAuthority ca,
            TestCertificateAuthority.IssuedCertificate server, TestCertificateAuthority.IssuedCertificate client) {
        this.plain = plain;
        this.tlsPort = tlsPort;
        this.ca = ca;
        this.server = server;
        this.client = client;
    }

    /** Start a TLS server with a new CA, server and client certificate, and extra {@code redis-server} arguments. */
    public static TlsRedisServer start(ClientAuth clientAuth, String... extraArgs) {
        TestCertificateAuthority ca = TestCertificateAuthority.create("symphony");
        return start(ca, ca.issueServer("redis-server"), clientAuth, extraArgs);
    }

    /**
     * Start a TLS server presenting {@code serverCertificate} (e.g. an {@link TestCertificateAuthority#issueExpired
     * expired} one), trusting client certificates of {@code ca}.
     */
    public static TlsRedisServer start(TestCertificateAuthority ca,
            TestCertificateAuthority.IssuedCertificate serverCertificate, ClientAuth clientAuth, String... extraArgs) {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(clientAuth, "clientAuth");
        TestCertificateAuthority.IssuedCertificate client = ca.issueClient("redis-client");
        int tlsPort = RedisProcess.freePort();
        List<String> args = new ArrayList<>(List.of("--tls-port", String.valueOf(tlsPort),
                "--tls-cert-file", serverCertificate.certificate().toString(),
                "--tls-key-file", serverCertificate.privateKey().toString(),
                "--tls-ca-cert-file", ca.certificate().toString(),
                "--tls-auth-clients", clientAuth.value));
        args.addAll(List.of(extraArgs));
        return new TlsRedisServer(PrivateRedisServer.start(args.toArray(String[]::new)), tlsPort, ca,
                serverCertificate, client);
    }

    /** Return the TLS port. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Return {@code rediss://127.0.0.1:tlsPort}, without a DB. */
    public String tlsUri() {
        return "rediss://" + plain.host() + ":" + tlsPort;
    }

    /** Return the same server over its plain loopback port, for set-up and assertions. */
    public PrivateRedisServer plain() {
        return plain;
    }

    /** Return the CA that issued the server's and the client's certificates. */
    public TestCertificateAuthority ca() {
        return ca;
    }

    /** Return the server's certificate. */
    public TestCertificateAuthority.IssuedCertificate serverCertificate() {
        return server;
    }

    /** Return a client certificate the server accepts. */
    public TestCertificateAuthority.IssuedCertificate clientCertificate() {
        return client;
    }

    /** Stop the server; calling it again does nothing. */
    @Override
    public void close() {
        plain.close();
    }

    @Override
    public String toString() {
        return "TlsRedisServer[" + tlsUri() + ", plain " + plain + "]";
    }
}
