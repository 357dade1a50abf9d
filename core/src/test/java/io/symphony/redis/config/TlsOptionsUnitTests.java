package io.symphony.redis.config;

import io.symphony.redis.config.internal.ConfigAccess;
import io.symphony.redis.config.internal.PoolEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.SslVerifyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsOptionsUnitTests {

    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "not read at build time");
    }

    private TlsOptions everyField() throws IOException {
        return TlsOptions.builder()
                .trustStore(file("trust.p12"), "trust-pw".toCharArray())
                .keyStore(file("client.p12"), "store-pw".toCharArray())
                .verifyMode(TlsOptions.VerifyMode.CA)
                .protocols(List.of("TLSv1.3"))
                .cipherSuites(List.of("TLS_AES_128_GCM_SHA256"))
                .build();
    }

    @Test
    void toBuilder_roundTripsEveryField() throws IOException {
        TlsOptions stores = everyField();
        TlsOptions pem = TlsOptions.builder().caCertificate(file("ca.crt"))
                .clientCertificate(file("client.crt"), file("client.key"), "key-pw".toCharArray()).build();

        for (TlsOptions original : List.of(stores, pem)) {
            TlsOptions copy = original.toBuilder().build();
            assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
            assertThat(copy.toString()).isEqualTo(original.toString());
            assertThat(copy.trustStorePassword()).isEqualTo(original.trustStorePassword());
            assertThat(copy.keyStorePassword()).isEqualTo(original.keyStorePassword());
            assertThat(copy.clientKeyPassword()).isEqualTo(original.clientKeyPassword());
            assertThat(copy.toBuilder().verifyMode(TlsOptions.VerifyMode.NONE).build()).isNotEqualTo(original);
        }
        assertThat(pem.clientKeyPassword()).containsExactly("key-pw".toCharArray());
        assertThat(stores.protocols()).containsExactly("TLSv1.3");
        assertThat(stores.presentsClientCertificate()).isTrue();
    }

    @Test
    void defaults_verifyFully_withTheJdkTrustStore_andNoClientCertificate() {
        TlsOptions defaults = TlsOptions.defaults();

        assertThat(defaults.verifyMode()).isEqualTo(TlsOptions.DEFAULT_VERIFY_MODE)
                .isEqualTo(TlsOptions.VerifyMode.FULL);
        assertThat(defaults.caCertificate()).isNull();
        assertThat(defaults.trustStore()).isNull();
        assertThat(defaults.presentsClientCertificate()).isFalse();
        assertThat(defaults.protocols()).isEqualTo(TlsOptions.DEFAULT_PROTOCOLS).isEmpty();
        assertThat(defaults.cipherSuites()).isEqualTo(TlsOptions.DEFAULT_CIPHER_SUITES).isEmpty();
    }

    @Test
    void toString_showsPathsButNeverPasswords() throws IOException {
        String text = everyField().toString() + TlsOptions.builder()
                .clientCertificate(file("c.crt"), file("c.key"), "key-pw".toCharArray()).build();

        assertThat(text).contains("trust.p12", "client.p12", "c.key", "verify=CA", "trustStorePassword=***",
                "keyStorePassword=***", "clientKeyPassword=***");
        assertThat(text).doesNotContain("trust-pw", "store-pw", "key-pw");
    }

    @Test
    void passwords_areCopied_soTheCallerMayWipeTheirArray() throws IOException {
        char[] password = "store-pw".toCharArray();
        TlsOptions options = TlsOptions.builder().keyStore(file("k.p12"), password).build();
        java.util.Arrays.fill(password, 'x');

        assertThat(options.keyStorePassword()).containsExactly("store-pw".toCharArray());
        options.keyStorePassword()[0] = 'y';
        assertThat(options.keyStorePassword()).containsExactly("store-pw".toCharArray());
    }

    @Test
    void build_rejectsMissingFiles_andMixedAlternatives_namingTheValue() throws IOException {
        Path missing = dir.resolve("nope.crt");
        assertThatThrownBy(() -> TlsOptions.builder().caCertificate(missing).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caCertificate")
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> TlsOptions.builder().caCertificate(file("a")).trustStore(file("b")).build())
                .hasMessageContaining("caCertificate or a trustStore");
        assertThatThrownBy(() -> TlsOptions.builder().clientCertificate(file("c"), file("d"))
                .keyStore(file("e"), null).build())
                .hasMessageContaining("clientCertificate or a keyStore");
        assertThatThrownBy(() -> TlsOptions.builder().protocols(List.of(" TLSv1.3")))
                .hasMessageContaining("protocols").hasMessageContaining(" TLSv1.3");
        assertThatThrownBy(() -> TlsOptions.builder().cipherSuites(List.of("")))
                .hasMessageContaining("cipherSuites");
        assertThatThrownBy(() -> TlsOptions.builder().verifyMode(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void config_appliesTlsToTlsAliases_withTheirVerifyMode_andPerAliasOptionsWin() throws IOException {
        TlsOptions all = TlsOptions.builder().caCertificate(file("ca.crt")).build();
        TlsOptions own = TlsOptions.builder().verifyMode(TlsOptions.VerifyMode.CA).build();

        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .url("rediss://secret@h:6380")
                .aliasUrl("user", "rediss://other:6390/11")
                .aliasUrl("expiry", "redis://plain:6379/8")
                .tls(all)
                .aliasTls("user", own)
                .build();

        PoolEndpoint defaults = endpoint(config, "default");
        PoolEndpoint user = endpoint(config, "user");
        PoolEndpoint expiry = endpoint(config, "expiry");
        assertThat(defaults.tls()).isEqualTo(all);
        assertThat(defaults.uris().get(0).getVerifyMode()).isEqualTo(SslVerifyMode.FULL);
        assertThat(user.tls()).isEqualTo(own);
        assertThat(user.uris().get(0).getVerifyMode()).isEqualTo(SslVerifyMode.CA);
        assertThat(expiry.tls()).isNull();
        assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
        assertThat(config.toString()).contains("tls=TlsOptions[").doesNotContain("secret");
    }

    @Test
    void config_sameServerWithOtherClientIdentity_neverSharesAConnection() throws IOException {
        TlsOptions a = TlsOptions.builder().clientCertificate(file("a.crt"), file("a.key")).build();
        TlsOptions b = TlsOptions.builder().clientCertificate(file("b.crt"), file("b.key")).build();
        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .aliasUrls(java.util.Map.of("default", "rediss://h:6380/1", "user", "rediss://h:6380/1"))
                .alias("handlers", 0).aliasUrl("handlers", "rediss://h:6380/1")
                .aliasUrl("symphony_shared_state", "rediss://h:6380/1").aliasUrl("expiry", "rediss://h:6380/1")
                .aliasUrl("pubsub", "rediss://h:6380/1")
                .aliasTls("default", a).aliasTls("user", b).aliasTls("handlers", a)
                .build();

        assertThat(endpoint(config, "default").targetIdentity())
                .isNotEqualTo(endpoint(config, "user").targetIdentity())
                .isEqualTo(endpoint(config, "handlers").targetIdentity());
    }

    @Test
    void config_rejectsTlsOptionsThatWouldBeIgnored() throws IOException {
        TlsOptions tls = TlsOptions.builder().caCertificate(file("ca.crt")).build();

        assertThatThrownBy(() -> SymphonyRedisConfig.builder().url("redis://:pw@h:6379").tls(tls).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no URL uses TLS")
                .hasMessageContaining("redis://:***@h:6379").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> SymphonyRedisConfig.builder().url("rediss://h:6380")
                .aliasUrl("user", "redis://h:6379/1").aliasTls("user", tls).build())
                .hasMessageContaining("pool alias 'user'").hasMessageContaining("does not use TLS");
        assertThatThrownBy(() -> SymphonyRedisConfig.builder().url("rediss://h:6380").aliasTls("nope", tls).build())
                .hasMessageContaining("unknown pool aliases [nope]");
        assertThatThrownBy(() -> SymphonyRedisConfig.builder().aliasTls("bad alias", tls))
                .hasMessageContaining("bad alias");
    }

    @Test
    void clusterAndSentinelUrls_carryTheVerifyMode() throws IOException {
        TlsOptions ca = TlsOptions.builder().verifyMode(TlsOptions.VerifyMode.CA).build();

        SymphonyRedisConfig cluster = SymphonyRedisConfig.builder().url("rediss-cluster://n1:7000,n2:7001").tls(ca)
                .build();

        assertThat(endpoint(cluster, "default").uris()).hasSize(2)
                .allSatisfy(uri -> assertThat(uri.getVerifyMode()).isEqualTo(SslVerifyMode.CA));
    }

    @Test
    void urlQueryOptions_nameCaClientCertificateAndVerifyMode() throws IOException {
        Path ca = file("ca.crt");
        Path cert = file("client.crt");
        Path key = file("client.key");
        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .url("rediss://app:pw@h:6380?tlsCaFile=" + ca + "&tlsCertFile=" + cert + "&tlsKeyFile=" + key
                        + "&verifyPeer=CA&timeout=5s")
                .build();

        TlsOptions tls = endpoint(config, "default").tls();
        assertThat(tls.caCertificate()).isEqualTo(ca);
        assertThat(tls.clientCertificate()).isEqualTo(cert);
        assertThat(tls.clientKey()).isEqualTo(key);
        assertThat(tls.verifyMode()).isEqualTo(TlsOptions.VerifyMode.CA);
        assertThat(endpoint(config, "default").uris().get(0).getVerifyMode()).isEqualTo(SslVerifyMode.CA);
        assertThat(endpoint(config, "default").uris().get(0).getTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> SymphonyRedisConfig.fromUrl("rediss://:pw@h:6380?tlsCertFile=" + cert))
                .hasMessageContaining("tlsCertFile and tlsKeyFile together").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> SymphonyRedisConfig.fromUrl("redis://h:6379?tlsCaFile=" + ca))
                .hasMessageContaining("does not use TLS");
        assertThatThrownBy(() -> SymphonyRedisConfig.fromUrl("rediss://h:6380?tlsCaFile=/no/such.crt"))
                .hasMessageContaining("/no/such.crt");
    }

    private static PoolEndpoint endpoint(SymphonyRedisConfig config, String alias) {
        return ConfigAccess.pools(config).stream().filter(p -> p.alias().equals(alias)).findFirst().orElseThrow();
    }
}
