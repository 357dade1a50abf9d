package io.symphony.redis.webflux.autoconfigure;

import io.symphony.redis.config.internal.ConfigAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.TlsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SymphonyRedisPropertiesUnitTests {

    @TempDir
    Path dir;

    private static SymphonyRedisProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("symphony.redis", SymphonyRedisProperties.class);
    }

    @Test
    void tlsProperties_becomeTlsOptions_forAllAndPerAlias() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "x");
        Path cert = Files.writeString(dir.resolve("client.crt"), "x");
        Path key = Files.writeString(dir.resolve("client.key"), "x");
        Path store = Files.writeString(dir.resolve("other.p12"), "x");

        SymphonyRedisProperties properties = bind(Map.of(
                "symphony.redis.url", "rediss://app:url-secret@h:6380",
                "symphony.redis.alias-urls.user", "rediss://other:6390/11",
                "symphony.redis.tls.ca-file", ca.toString(),
                "symphony.redis.tls.cert-file", cert.toString(),
                "symphony.redis.tls.key-file", key.toString(),
                "symphony.redis.tls.key-password", "key-secret",
                "symphony.redis.tls.protocols", "TLSv1.3",
                "symphony.redis.alias-tls.user.trust-store", store.toString(),
                "symphony.redis.alias-tls.user.trust-store-password", "store-secret",
                "symphony.redis.alias-tls.user.verify-peer", "CA"));
        SymphonyRedisConfig config = properties.toConfig();

        TlsOptions all = config.tls();
        assertThat(all.caCertificate()).isEqualTo(ca);
        assertThat(all.clientCertificate()).isEqualTo(cert);
        assertThat(all.clientKey()).isEqualTo(key);
        assertThat(all.clientKeyPassword()).containsExactly("key-secret".toCharArray());
        assertThat(all.verifyMode()).isEqualTo(TlsOptions.VerifyMode.FULL);
        assertThat(all.protocols()).containsExactly("TLSv1.3");
        TlsOptions user = ConfigAccess.pools(config).stream().filter(p -> p.alias().equals("user")).map(PoolEndpoint::tls)
                .findFirst().orElseThrow();
        assertThat(user.trustStore()).isEqualTo(store);
        assertThat(user.trustStorePassword()).containsExactly("store-secret".toCharArray());
        assertThat(user.verifyMode()).isEqualTo(TlsOptions.VerifyMode.CA);
        assertThat(properties.toString() + config).contains("keyFile=", "keyPassword=***", "trustStorePassword=***")
                .doesNotContain("key-secret", "store-secret", "url-secret");
    }

    @Test
    void withoutTlsProperties_thereAreNoTlsOptions() {
        SymphonyRedisConfig config = bind(Map.of("symphony.redis.url", "rediss://h:6380")).toConfig();

        assertThat(config.tls()).isNull();
        assertThat(config.aliasTls()).isEmpty();
    }
}
