package io.symphony.redis.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.connection.TlsHandshakeException;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.TestCertificateAuthority;
import io.symphony.redis.testsupport.TestCertificateAuthority.IssuedCertificate;
import io.symphony.redis.testsupport.TlsRedisServer;
import io.symphony.redis.testsupport.TlsRedisServer.ClientAuth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The runtime against real TLS {@code redis-server}s with a CA made here: mutual TLS with PEM files and with key and
 * trust stores, {@code tls-auth-clients optional}, every verify mode, and the failures a client meets in production
 * (wrong CA, expired certificates on either side, no client certificate, a host the certificate does not name).
 */
@Tag("integration")
class TlsIntegrationTests {

    /** Generous: a first TLS connect on a loaded 2-core machine took 25 s (JIT, key parsing, handshakes). */
    private static final Duration START = Duration.ofSeconds(90);

    private static TlsRedisServer mutual;
    private static TlsRedisServer optional;

    private SymphonyRuntime runtime;

    @BeforeAll
    static void startServers() {
        mutual = TlsRedisServer.start(ClientAuth.REQUIRED);
        optional = TlsRedisServer.start(ClientAuth.OPTIONAL);
    }

    @AfterAll
    static void stopServers() {
        mutual.close();
        optional.close();
    }

    @AfterEach
    void closeRuntime() {
        if (runtime != null) {
            runtime.close().block(Duration.ofSeconds(10));
        }
    }

    private static TlsOptions mutualTls(TlsRedisServer server) {
        IssuedCertificate client = server.clientCertificate();
        return TlsOptions.builder().caCertificate(server.ca().certificate())
                .clientCertificate(client.certificate(), client.privateKey()).build();
    }

    private static SymphonyRedisConfig config(TlsRedisServer server, TlsOptions tls) {
        return SymphonyRedisConfig.builder().url(server.tlsUri()).tls(tls).keyspaceEvents(false)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    private void roundTrip(SymphonyRedisConfig config, TlsRedisServer server) {
        runtime = SymphonyRuntime.create(config).block(START);
        String key = "tls:" + System.nanoTime();
        runtime.ops().set(key, "over TLS").then(runtime.ops().get(key))
                .as(StepVerifier::create).expectNext("over TLS").expectComplete().verify(Duration.ofSeconds(5));
        // the value really went to this server (DB 15 for the default alias), read back over the plain port
        assertThat(server.plain().sync(15).get(key)).isEqualTo("over TLS");
    }

    private static Throwable startFailure(SymphonyRedisConfig config) {
        Throwable[] failure = new Throwable[1];
        SymphonyRuntime.create(config).as(StepVerifier::create)
                .expectErrorSatisfies(error -> failure[0] = error).verify(START);
        return failure[0];
    }

    private static TlsHandshakeException tlsCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TlsHandshakeException tls) {
                return tls;
            }
        }
        throw new AssertionError("no TlsHandshakeException in the chain of " + error, error);
    }

    @Test
    void mutualTls_withPemFiles_runsCommandsOnEveryAlias() {
        roundTrip(config(mutual, mutualTls(mutual)), mutual);

        for (String alias : List.of("user", "handlers", "symphony_shared_state", "expiry", "pubsub")) {
            runtime.ops().onPool(alias).ping().as(StepVerifier::create).expectNext("PONG").verifyComplete();
        }
    }

    @Test
    void mutualTls_withPkcs12KeyStoreAndTrustStore_andPasswords() {
        char[] storePassword = "key-store-pw".toCharArray();
        char[] trustPassword = "trust-store-pw".toCharArray();
        TlsOptions tls = TlsOptions.builder()
                .trustStore(mutual.ca().trustStore(trustPassword), trustPassword)
                .keyStore(mutual.clientCertificate().toPkcs12(storePassword), storePassword)
                .build();

        roundTrip(config(mutual, tls), mutual);
    }

    @Test
    void optionalClientAuth_acceptsAClientWithoutCertificate_andOneWithIt() {
        roundTrip(config(optional, TlsOptions.builder().caCertificate(optional.ca().certificate()).build()), optional);
        runtime.close().block(Duration.ofSeconds(10));

        roundTrip(config(optional, mutualTls(optional)), optional);
    }

    @Test
    void verifyModeCa_acceptsACertificateThatDoesNotNameTheHost_whichFullRejects() {
        TestCertificateAuthority ca = TestCertificateAuthority.create("noname");
        IssuedCertificate nameless = ca.issueServerWithoutHostNames("nameless-server");
        try (TlsRedisServer server = TlsRedisServer.start(ca, nameless, ClientAuth.NONE)) {
            TlsOptions full = TlsOptions.builder().caCertificate(ca.certificate()).build();

            Throwable error = startFailure(config(server, full));
            assertThat(tlsCause(error).getMessage())
                    .isEqualTo("TLS handshake with 127.0.0.1:" + server.tlsPort() + " failed: server certificate "
                            + "does not name this host (verify mode FULL checks it; the certificate needs the host "
                            + "name or IP address as a subject alternative name, or use verify mode CA)");

            roundTrip(config(server, full.toBuilder().verifyMode(TlsOptions.VerifyMode.CA).build()), server);
        }
    }

    @Test
    void verifyModeNone_trustsAnyServer() {
        TestCertificateAuthority stranger = TestCertificateAuthority.create("stranger");
        TlsOptions none = TlsOptions.builder().caCertificate(stranger.certificate())
                .verifyMode(TlsOptions.VerifyMode.NONE).build();

        roundTrip(config(optional, none), optional);
    }

    @Test
    void wrongCa_failsNamingTlsTheEndpointAndTheReason() {
        TestCertificateAuthority stranger = TestCertificateAuthority.create("stranger");
        TlsOptions tls = TlsOptions.builder().caCertificate(stranger.certificate()).build();

        Throwable error = startFailure(config(optional, tls));

        assertThat(tlsCause(error).getMessage()).isEqualTo("TLS handshake with 127.0.0.1:" + optional.tlsPort()
                + " failed: server certificate not trusted (not issued by the configured CA)");
        assertThat(tlsCause(error).endpoint()).isEqualTo("127.0.0.1:" + optional.tlsPort());
        assertThat(error.getMessage()).contains("Could not connect pool '", "rediss://127.0.0.1:" + optional.tlsPort(),
                "server certificate not trusted");
    }

    @Test
    void noTlsOptions_meansTheJdkTrustStore_whichDoesNotKnowAPrivateCa() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url(optional.tlsUri()).keyspaceEvents(false)
                .build();

        assertThat(tlsCause(startFailure(config)).reason())
                .isEqualTo("server certificate not trusted (not issued by a CA in the JDK's default trust store)");
    }

    @Test
    void noClientCertificate_againstTlsAuthClientsYes_saysTheServerRequiresOne() {
        TlsOptions tls = TlsOptions.builder().caCertificate(mutual.ca().certificate()).build();

        assertThat(tlsCause(startFailure(config(mutual, tls))).getMessage())
                .isEqualTo("TLS handshake with 127.0.0.1:" + mutual.tlsPort() + " failed: the server requires a "
                        + "client certificate (tls-auth-clients yes) and none was configured");
    }

    @Test
    void expiredClientCertificate_isRejectedByTheServer() {
        IssuedCertificate expired = mutual.ca().issueExpired("expired-client", false);
        TlsOptions tls = TlsOptions.builder().caCertificate(mutual.ca().certificate())
                .clientCertificate(expired.certificate(), expired.privateKey()).build();

        assertThat(tlsCause(startFailure(config(mutual, tls))).reason())
                .startsWith("the server rejected the client certificate");
    }

    @Test
    void clientCertificateOfAnotherCa_isRejectedByTheServer() {
        IssuedCertificate foreign = TestCertificateAuthority.create("foreign").issueClient("foreign-client");
        TlsOptions tls = TlsOptions.builder().caCertificate(mutual.ca().certificate())
                .clientCertificate(foreign.certificate(), foreign.privateKey()).build();

        assertThat(tlsCause(startFailure(config(mutual, tls))).reason())
                .startsWith("the server rejected the client certificate");
    }

    @Test
    void expiredServerCertificate_failsNamingIt() {
        TestCertificateAuthority ca = TestCertificateAuthority.create("expiring");
        try (TlsRedisServer server = TlsRedisServer.start(ca, ca.issueExpired("old-server", true), ClientAuth.NONE)) {
            TlsOptions tls = TlsOptions.builder().caCertificate(ca.certificate()).build();

            assertThat(tlsCause(startFailure(config(server, tls))).getMessage())
                    .isEqualTo("TLS handshake with 127.0.0.1:" + server.tlsPort()
                            + " failed: server certificate expired");
        }
    }

    @Test
    void tlsToThePlainPort_asksWhetherItIsTheTlsPort() {
        TlsOptions tls = TlsOptions.builder().caCertificate(optional.ca().certificate()).build();
        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .url("rediss://127.0.0.1:" + optional.plain().port()).tls(tls).keyspaceEvents(false).build();

        assertThat(tlsCause(startFailure(config)).reason()).isEqualTo("connection initialization timed out (is "
                + "this the server's TLS port? a plain Redis port never answers a TLS handshake)");
    }
}
