package io.symphony.redis.security;

import io.symphony.redis.config.internal.ConfigAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.lettuce.core.KillArgs;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.TestCertificateAuthority;
import io.symphony.redis.testsupport.TestCertificateAuthority.IssuedCertificate;
import io.symphony.redis.testsupport.TlsRedisServer;
import io.symphony.redis.testsupport.TlsRedisServer.ClientAuth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * No password, key or certificate material reaches a log line (at DEBUG, for {@code io.symphony}, {@code io.lettuce}
 * and {@code io.netty}), an exception (message and whole cause chain) or a {@code toString()}, across a mutual-TLS
 * connect with an ACL password and password-protected key and trust stores, a reconnect after {@code CLIENT KILL},
 * and failed connects (wrong password, wrong key store password, wrong CA, no client certificate, expired client
 * certificate).
 */
@Tag("integration")
class SecretsIntegrationTests {

    private static final String ACL_PASSWORD = "acl-Pw-7d1f0c93";
    private static final String KEY_STORE_PASSWORD = "ks-Pw-44b2e6aa";
    private static final String TRUST_STORE_PASSWORD = "ts-Pw-91c0de55";
    private static final Duration START = Duration.ofSeconds(90);
    private static final List<String> CAPTURED = List.of("io.symphony", "io.lettuce", "io.netty");

    private final DebugLogCapture capture = new DebugLogCapture(CAPTURED);
    private final List<String> texts = new ArrayList<>();
    private final List<SymphonyRuntime> runtimes = new ArrayList<>();

    @BeforeEach
    void captureDebugLogs() {
        capture.start();
    }

    @AfterEach
    void restoreLogging() {
        runtimes.forEach(runtime -> runtime.close().block(Duration.ofSeconds(30)));
        capture.stop();
    }

    @Test
    void noSecretInLogsExceptionsOrToString_acrossConnectReconnectAndTlsFailures() {
        try (TlsRedisServer server = TlsRedisServer.start(ClientAuth.REQUIRED,
                "--user", "app", "on", ">" + ACL_PASSWORD, "~*", "&*", "+@all")) {
            IssuedCertificate client = server.clientCertificate();
            TlsOptions tls = TlsOptions.builder()
                    .trustStore(server.ca().trustStore(TRUST_STORE_PASSWORD.toCharArray()),
                            TRUST_STORE_PASSWORD.toCharArray())
                    .keyStore(client.toPkcs12(KEY_STORE_PASSWORD.toCharArray()), KEY_STORE_PASSWORD.toCharArray())
                    .build();
            String url = "rediss://app:" + ACL_PASSWORD + "@127.0.0.1:" + server.tlsPort();
            SymphonyRedisConfig config = SymphonyRedisConfig.builder().url(url).tls(tls)
                    .connectTimeout(Duration.ofSeconds(30)).keyspaceEvents(false).build();
            texts.add(config.toString());
            texts.add(tls.toString());
            ConfigAccess.pools(config).forEach(pool -> texts.add(pool.toString()));

            // connect, use, lose every connection, use again after the reconnect
            SymphonyRuntime runtime = SymphonyRuntime.create(config).block(START);
            runtimes.add(runtime);
            texts.add(runtime.toString());
            runtime.ops().set("secrets:k", "v").block(Duration.ofSeconds(30));
            long killed = server.plain().sync(0).clientKill(KillArgs.Builder.user("app"));
            assertThat(killed).isPositive();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> "v".equals(runtime.ops().get("secrets:k").block(Duration.ofSeconds(10))));
            assertThat(lines()).anyMatch(line -> line.toLowerCase(java.util.Locale.ROOT).contains("reconnect"));

            // failed connects
            failure(config.toBuilder().url("rediss://app:wrong-" + ACL_PASSWORD + "@127.0.0.1:" + server.tlsPort())
                    .build());
            failure(config.toBuilder().tls(tls.toBuilder().keyStore(tls.keyStore(), "wrong".toCharArray()).build())
                    .build());
            failure(config.toBuilder().tls(TlsOptions.builder()
                    .caCertificate(TestCertificateAuthority.create("other").certificate())
                    .clientCertificate(client.certificate(), client.privateKey()).build()).build());
            failure(config.toBuilder().tls(TlsOptions.builder().caCertificate(server.ca().certificate()).build())
                    .build());
            IssuedCertificate expired = server.ca().issueExpired("expired-client", false);
            failure(config.toBuilder().tls(TlsOptions.builder().caCertificate(server.ca().certificate())
                    .clientCertificate(expired.certificate(), expired.privateKey()).build()).build());

            texts.addAll(lines());
            assertThat(lines()).anyMatch(line -> line.contains("DEBUG")); // the capture did see DEBUG
            List<String> secrets = secrets(client, expired);
            for (String text : texts) {
                for (String secret : secrets) {
                    assertThat(text).as("a log line, exception or toString()").doesNotContain(secret);
                }
            }
        }
    }

    private void failure(SymphonyRedisConfig config) {
        texts.add(config.toString());
        SymphonyRuntime.create(config).as(StepVerifier::create)
                .expectErrorSatisfies(error -> texts.add(stackTrace(error)))
                .verify(START);
    }

    private List<String> lines() {
        return capture.events().stream()
                .map(event -> event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(
                                event.getThrowableProxy())))
                .toList();
    }

    /** Passwords, and every base64 line of the client keys and certificates (PEM) and of their DER bytes. */
    private static List<String> secrets(IssuedCertificate... certificates) {
        List<String> secrets = new ArrayList<>(List.of(ACL_PASSWORD, KEY_STORE_PASSWORD, TRUST_STORE_PASSWORD));
        for (IssuedCertificate certificate : certificates) {
            for (String pem : certificate.pemTexts()) {
                pem.lines().filter(line -> !line.startsWith("-----") && line.length() >= 16).forEach(secrets::add);
            }
            secrets.add(Base64.getEncoder().encodeToString(certificate.key().getEncoded()).substring(0, 40));
        }
        return secrets;
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
