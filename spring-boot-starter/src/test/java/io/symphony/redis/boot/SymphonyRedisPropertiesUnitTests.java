package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.config.internal.ConfigAccess;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.listener.ExpiryEventsOptions;
import io.symphony.redis.listener.RetryPolicy;
import io.symphony.redis.listener.TriggerListenerOptions;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.listener.UnhandledActions;
import io.symphony.redis.repository.RepositorySupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code symphony.redis.*} property binds and reaches the toolkit's builders; the defaults are the toolkit's
 * {@code DEFAULT_*} constants; a rejected value names its property; the generated metadata describes every property.
 */
class SymphonyRedisPropertiesUnitTests {

    private static final String URL = "redis://127.0.0.1:6390";

    @TempDir
    Path dir;

    private static SymphonyRedisProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("symphony.redis", SymphonyRedisProperties.class);
    }

    private static SymphonyRedisConfig config(SymphonyRedisProperties properties) {
        SymphonyRedisConnectionDetails details = new PropertiesSymphonyRedisConnectionDetails(properties);
        return ConfigMapping.build(ConfigMapping.builder(properties, details), details);
    }

    @Test
    void defaults_areTheToolkitDefaults() {
        SymphonyRedisProperties properties = bind(Map.of("symphony.redis.url", URL));

        assertThat(config(properties)).isEqualTo(SymphonyRedisConfig.builder().url(URL).build());
        assertThat(ListenerMapping.options(properties.getListener()).build())
                .isEqualTo(TriggerListenerOptions.defaults());
        TriggerRegistry registry = ListenerMapping.registry(properties.getListener()).build();
        TriggerRegistry defaults = TriggerRegistry.create();
        assertThat(registry.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(registry.concurrency()).isEqualTo(defaults.concurrency());
        assertThat(registry.namespace()).isEqualTo(defaults.namespace());
        assertThat(registry.broadcast()).isEqualTo(defaults.broadcast());
        assertThat(registry.unhandledActions()).isEqualTo(defaults.unhandledActions());
        assertThat(properties.getListener().getStartTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.getRepositories().getDefaultTtl()).isEqualTo(RepositorySupport.DEFAULT_TTL);
        assertThat(properties.getRepositories().getScanConcurrency())
                .isEqualTo(RepositorySupport.DEFAULT_SCAN_CONCURRENCY);
        assertThat(properties.getWeb().getTenantHeader()).isEqualTo("X-Tenant-Id");
        assertThat(properties.getWeb().getUserHeader()).isEqualTo("X-User-Id");
    }

    @Test
    void everyConfigProperty_reachesTheConfig() {
        Map<String, String> values = new HashMap<>();
        values.put("symphony.redis.url", URL);
        values.put("symphony.redis.alias-urls.user", "redis://127.0.0.1:6391/3");
        values.put("symphony.redis.databases.reports", "5");
        values.put("symphony.redis.strategy", "POOLED");
        values.put("symphony.redis.shared-connections", "4");
        values.put("symphony.redis.pool-size", "3");
        values.put("symphony.redis.pool-acquire-timeout", "750ms");
        values.put("symphony.redis.pool-max-pending-acquires", "7");
        values.put("symphony.redis.reject-commands-while-disconnected", "true");
        values.put("symphony.redis.command-timeout", "4s");
        values.put("symphony.redis.connect-timeout", "3s");
        values.put("symphony.redis.reconnect-delay-max", "2s");
        values.put("symphony.redis.client-name", "chat-service");
        values.put("symphony.redis.keyspace-events", "false");
        values.put("symphony.redis.keyspace-event-flags", "KEx");
        values.put("symphony.redis.workers.user", "5");
        values.put("symphony.redis.workers.tool", "6");
        values.put("symphony.redis.workers.agent", "2");

        SymphonyRedisConfig config = config(bind(values));

        assertThat(config).isEqualTo(SymphonyRedisConfig.builder().url(URL)
                .aliasUrl("user", "redis://127.0.0.1:6391/3").alias("reports", 5)
                .connectionStrategy(ConnectionStrategy.POOLED).sharedConnections(4).poolSize(3)
                .poolAcquireTimeout(Duration.ofMillis(750)).poolMaxPendingAcquires(7)
                .rejectCommandsWhileDisconnected(true).commandTimeout(Duration.ofSeconds(4))
                .connectTimeout(Duration.ofSeconds(3)).reconnectDelayMax(Duration.ofSeconds(2))
                .clientName("chat-service").keyspaceEvents(false).keyspaceEventFlags("KEx")
                .workersUser(5).workersTool(6).workersAgent(2).build());
    }

    @Test
    void everyListenerProperty_reachesTheRegistryAndOptions() {
        Map<String, String> values = new HashMap<>();
        values.put("symphony.redis.listener.namespace", "chat");
        values.put("symphony.redis.listener.concurrency", "9");
        values.put("symphony.redis.listener.broadcast", "true");
        values.put("symphony.redis.listener.unhandled-actions", "DEAD_LETTER");
        values.put("symphony.redis.listener.pool", "handlers");
        values.put("symphony.redis.listener.buffer-size", "11");
        values.put("symphony.redis.listener.min-backoff", "50ms");
        values.put("symphony.redis.listener.max-backoff", "2s");
        values.put("symphony.redis.listener.topology-refresh", "9s");
        values.put("symphony.redis.listener.sweep-interval", "40ms");
        values.put("symphony.redis.listener.batch-size", "12");
        values.put("symphony.redis.listener.sweep-timeout", "1500ms");
        values.put("symphony.redis.listener.lease", "45s");
        values.put("symphony.redis.listener.max-waiting-claims", "13");
        values.put("symphony.redis.listener.ack-batch-size", "14");
        values.put("symphony.redis.listener.ack-max-delay", "15ms");
        values.put("symphony.redis.listener.dedup-window", "1m");
        values.put("symphony.redis.listener.original-actions", "py_a,py_b");
        values.put("symphony.redis.listener.retry.max-attempts", "5");
        values.put("symphony.redis.listener.retry.timeout", "12s");
        values.put("symphony.redis.listener.retry.first-backoff", "100ms");
        values.put("symphony.redis.listener.retry.max-backoff", "1s");
        SymphonyRedisProperties.Listener listener = bind(values).getListener();

        TriggerRegistry registry = ListenerMapping.registry(listener).build();
        assertThat(registry.namespace()).isEqualTo("chat");
        assertThat(registry.concurrency()).isEqualTo(9);
        assertThat(registry.broadcast()).isTrue();
        assertThat(registry.unhandledActions()).isEqualTo(UnhandledActions.DEAD_LETTER);
        assertThat(registry.retryPolicy()).isEqualTo(RetryPolicy.builder().maxAttempts(5)
                .timeout(Duration.ofSeconds(12)).backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build());
        assertThat(ListenerMapping.options(listener).build()).isEqualTo(TriggerListenerOptions.builder()
                .events(ExpiryEventsOptions.builder().pool("handlers").bufferSize(11)
                        .backoff(Duration.ofMillis(50), Duration.ofSeconds(2)).topologyRefresh(Duration.ofSeconds(9))
                        .build())
                .sweepInterval(Duration.ofMillis(40)).batchSize(12).sweepTimeout(Duration.ofMillis(1500))
                .maxWaitingClaims(13).ackBatchSize(14).ackMaxDelay(Duration.ofMillis(15))
                .lease(Duration.ofSeconds(45)).dedupWindow(Duration.ofMinutes(1))
                .originalActions(Set.of("py_a", "py_b")).build());
    }

    @Test
    void aRejectedValue_namesItsPropertyAndValue() {
        assertRejected(Map.of("symphony.redis.url", URL, "symphony.redis.pool-size", "0"),
                "symphony.redis.pool-size", "0", "poolSize must be > 0, was 0");
        assertRejected(Map.of("symphony.redis.url", URL, "symphony.redis.client-name", "my app"),
                "symphony.redis.client-name", "my app", "without spaces");
        assertRejected(Map.of("symphony.redis.url", URL, "symphony.redis.keyspace-event-flags", "Q"),
                "symphony.redis.keyspace-event-flags", "Q", "notify-keyspace-events flags");
        assertRejected(Map.of("symphony.redis.url", "redis://bob:hunter2@h:abc"),
                "symphony.redis.url", "redis://bob:***@h:abc", "Invalid port 'abc'");
        assertRejected(Map.of("symphony.redis.url", URL, "symphony.redis.alias-urls.user", "redis://h:6379?x=1"),
                "symphony.redis.alias-urls.user", "redis://h:6379?x=1", "Unknown query parameter 'x'");
        assertRejected(Map.of(), "symphony.redis.url", null,
                "set symphony.redis.url, or symphony.redis.alias-urls.<alias> for each");
        assertRejected(Map.of("symphony.redis.url", URL, "symphony.redis.listener.retry.max-attempts", "0"),
                "symphony.redis.listener.retry.max-attempts", "0", "maxAttempts must be >= 1");
    }

    private static void assertRejected(Map<String, String> values, String property, String value, String reason) {
        assertThatThrownBy(() -> {
            SymphonyRedisProperties properties = bind(values);
            config(properties);
            ListenerMapping.registry(properties.getListener());
        }).isInstanceOfSatisfying(InvalidSymphonyRedisPropertyException.class, e -> {
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.value()).isEqualTo(value);
            assertThat(e.reason()).contains(reason);
            assertThat(e.getMessage()).doesNotContain("hunter2");
        });
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
        SymphonyRedisConfig config = config(properties);

        TlsOptions all = config.tls();
        assertThat(all.caCertificate()).isEqualTo(ca);
        assertThat(all.clientCertificate()).isEqualTo(cert);
        assertThat(all.clientKey()).isEqualTo(key);
        assertThat(all.clientKeyPassword()).containsExactly("key-secret".toCharArray());
        assertThat(all.verifyMode()).isEqualTo(TlsOptions.VerifyMode.FULL);
        assertThat(all.protocols()).containsExactly("TLSv1.3");
        TlsOptions user = ConfigAccess.pools(config).stream().filter(p -> p.alias().equals("user"))
                .map(PoolEndpoint::tls).findFirst().orElseThrow();
        assertThat(user.trustStore()).isEqualTo(store);
        assertThat(user.trustStorePassword()).containsExactly("store-secret".toCharArray());
        assertThat(user.verifyMode()).isEqualTo(TlsOptions.VerifyMode.CA);
        assertThat(properties.toString() + properties.getTls() + properties.getAliasTls() + config)
                .contains("keyFile=", "keyPassword=***", "trustStorePassword=***")
                .doesNotContain("key-secret", "store-secret", "url-secret");
    }

    @Test
    void withoutTlsProperties_thereAreNoTlsOptions() {
        SymphonyRedisConfig config = config(bind(Map.of("symphony.redis.url", "rediss://h:6380")));

        assertThat(config.tls()).isNull();
        assertThat(config.aliasTls()).isEmpty();
    }

    @Test
    void generatedMetadata_describesEveryPropertyWithItsDefault() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-configuration-metadata.json on the class path").isNotNull();
            metadata = JsonMapper.shared().readTree(in);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        metadata.get("properties").forEach(property -> byName.put(property.get("name").asString(), property));

        assertThat(byName.values()).allSatisfy(property -> assertThat(property.path("description").asString())
                .as("description of %s", property.get("name")).isNotBlank());
        assertThat(byName).containsKeys("symphony.redis.url", "symphony.redis.alias-urls", "symphony.redis.strategy",
                "symphony.redis.pool-acquire-timeout", "symphony.redis.client-name", "symphony.redis.keyspace-events",
                "symphony.redis.workers.tool", "symphony.redis.tls.ca-file", "symphony.redis.alias-tls",
                "symphony.redis.listener.start-timeout", "symphony.redis.listener.retry.max-attempts",
                "symphony.redis.listener.sweep-interval", "symphony.redis.web.require-tenant",
                "symphony.redis.health.timeout", "symphony.redis.health.listener-max-disconnected");
        for (List<String> expected : List.of(List.of("symphony.redis.pool-size", "8"),
                List.of("symphony.redis.shared-connections", "2"),
                List.of("symphony.redis.strategy", "shared-round-robin"),
                List.of("symphony.redis.command-timeout", "10s"), List.of("symphony.redis.client-name",
                        "symphony-redis"), List.of("symphony.redis.listener.concurrency", "64"),
                List.of("symphony.redis.listener.retry.timeout", "30s"),
                List.of("symphony.redis.web.tenant-header", "X-Tenant-Id"))) {
            assertThat(byName.get(expected.get(0)).path("defaultValue").asString())
                    .as("default of %s", expected.get(0)).isEqualTo(expected.get(1));
        }
    }
}
