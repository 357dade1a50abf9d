package io.symphony.redis.config;

import io.symphony.redis.config.internal.ConfigAccess;
import io.symphony.redis.config.internal.PoolEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SymphonyRedisConfigUnitTests {

    private static Map<String, Integer> dbs(SymphonyRedisConfig config) {
        return ConfigAccess.pools(config).stream().collect(Collectors.toMap(PoolEndpoint::alias, PoolEndpoint::db,
                (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void singleUrl_givesEachAliasItsDefaultDatabase() {
        SymphonyRedisConfig config = SymphonyRedisConfig.fromUrl("redis://localhost:6379");

        assertThat(dbs(config)).containsExactly(Map.entry("default", 15), Map.entry("user", 11),
                Map.entry("handlers", 10), Map.entry("symphony_shared_state", 9), Map.entry("expiry", 8),
                Map.entry("pubsub", 7));
        assertThat(ConfigAccess.pools(config)).allSatisfy(p -> assertThat(p.uris().get(0).getDatabase()).isEqualTo(p.db()));
    }

    @Test
    void singleUrl_ignoresTheDatabaseInTheUrl() {
        SymphonyRedisConfig config = SymphonyRedisConfig.fromUrl("redis://localhost:6379/3");

        assertThat(dbs(config)).containsEntry("default", 15).containsEntry("expiry", 8);
    }

    @Test
    void singleUrl_withQueryString_keepsOptionsAndAppliesDatabases() {
        SymphonyRedisConfig config = SymphonyRedisConfig.fromUrl("redis://localhost:6379?timeout=5s");

        PoolEndpoint user = ConfigAccess.pools(config).get(1);
        assertThat(user.alias()).isEqualTo("user");
        assertThat(user.uris().get(0).getDatabase()).isEqualTo(11);
        assertThat(user.uris().get(0).getTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(user.uris().get(0).getHost()).isEqualTo("localhost");
    }

    @Test
    void commandTimeout_appliesWhenUrlSetsNone() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url("redis://h:1")
                .commandTimeout(Duration.ofMillis(750)).build();

        assertThat(ConfigAccess.pools(config)).allSatisfy(p ->
                assertThat(p.uris().get(0).getTimeout()).isEqualTo(Duration.ofMillis(750)));
    }

    @Test
    void perAliasUrls_areUsedVerbatimAndMissingOnesFallBackToSingleUrl() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .url("redis://main:6379")
                .aliasUrl("user", "redis://cache:6380/4")
                .build();

        PoolEndpoint user = ConfigAccess.pools(config).stream().filter(p -> p.alias().equals("user")).findFirst().orElseThrow();
        assertThat(user.uris().get(0).getHost()).isEqualTo("cache");
        assertThat(user.db()).isEqualTo(4);
        assertThat(dbs(config)).containsEntry("default", 15).containsEntry("pubsub", 7);
    }

    @Test
    void perAliasUrlWithoutDatabase_usesDatabaseZero() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url("redis://main:6379")
                .aliasUrl("expiry", "redis://events:6379").build();

        assertThat(dbs(config)).containsEntry("expiry", 0);
    }

    @Test
    void missingAliasesWithoutSingleUrl_failAtBuildNamingThem() {
        assertThatThrownBy(() -> SymphonyRedisConfig.builder()
                .aliasUrl("default", "redis://h:1/15").aliasUrl("user", "redis://h:1/11").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handlers").hasMessageContaining("symphony_shared_state")
                .hasMessageContaining("expiry").hasMessageContaining("pubsub")
                .hasMessageNotContaining("user,");
    }

    @Test
    void customAliases_canBeAddedOnTheSingleUrlAndPerUrl() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url("redis://h:6379")
                .alias("reports", 5)
                .aliasUrl("audit", "redis://audit:6379/2")
                .build();

        assertThat(dbs(config)).containsEntry("reports", 5).containsEntry("audit", 2).hasSize(8);
    }

    @Test
    void clusterUrl_givesEveryAliasDatabaseZeroAndAllSeeds() {
        SymphonyRedisConfig config = SymphonyRedisConfig.fromUrl("redis-cluster://n1:7000,n2:7001,n3:7002");

        assertThat(ConfigAccess.pools(config)).allSatisfy(p -> {
            assertThat(p.cluster()).isTrue();
            assertThat(p.db()).isZero();
            assertThat(p.uris()).extracting(u -> u.getHost() + ":" + u.getPort())
                    .containsExactly("n1:7000", "n2:7001", "n3:7002");
        });
        assertThat(ConfigAccess.pools(config)).extracting(PoolEndpoint::targetIdentity).containsOnly(
                ConfigAccess.pools(config).get(0).targetIdentity());
    }

    @Test
    void clusterUrl_carriesCredentialsAndTlsToEverySeed() {
        SymphonyRedisConfig config = SymphonyRedisConfig.fromUrl("rediss-cluster://bob:pw@n1:7000,n2:7001");

        assertThat(ConfigAccess.pools(config).get(0).uris()).allSatisfy(u -> assertThat(u.isSsl()).isTrue());
        assertThat(config.toString()).doesNotContain("pw@").contains("bob:***@");
    }

    @Test
    void sentinelAndTlsUrls_parse() {
        SymphonyRedisConfig sentinel = SymphonyRedisConfig.fromUrl("redis-sentinel://s1:26379,s2:26380#mymaster");
        SymphonyRedisConfig tls = SymphonyRedisConfig.fromUrl("rediss://alice:secret@h:6380");

        assertThat(ConfigAccess.pools(sentinel).get(0).uris().get(0).getSentinelMasterId()).isEqualTo("mymaster");
        assertThat(ConfigAccess.pools(sentinel).get(0).uris().get(0).getSentinels()).hasSize(2);
        assertThat(ConfigAccess.pools(sentinel).get(0).db()).isEqualTo(15);
        assertThat(ConfigAccess.pools(tls).get(0).uris().get(0).isSsl()).isTrue();
    }

    @Test
    void passwords_neverAppearInToStringOrErrors() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url("redis://alice:s3cr3t@h:6379")
                .aliasUrl("user", "redis://:t0psecret@other:6379/1").build();

        assertThat(config.toString()).doesNotContain("s3cr3t").doesNotContain("t0psecret").contains("alice:***@");
        assertThat(ConfigAccess.pools(config)).allSatisfy(p -> assertThat(p.toString()).doesNotContain("s3cr3t", "t0psecret"));
        assertThatThrownBy(() -> SymphonyRedisConfig.fromUrl("http://alice:s3cr3t@h:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t").hasMessageContaining("alice:***@");
    }

    @Test
    void setters_rejectBadValuesNamingThem() {
        SymphonyRedisConfig.Builder builder = SymphonyRedisConfig.builder();

        assertThatThrownBy(() -> builder.poolSize(0)).hasMessage("poolSize must be > 0, was 0");
        assertThatThrownBy(() -> builder.sharedConnections(0)).hasMessage("sharedConnections must be > 0, was 0");
        assertThatThrownBy(() -> builder.commandTimeout(Duration.ZERO)).hasMessageContaining("commandTimeout");
        assertThatThrownBy(() -> builder.alias("bad alias", 1)).hasMessageContaining("bad alias");
        assertThatThrownBy(() -> builder.alias("ok", -1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> builder.keyspaceEventFlags("Q")).hasMessageContaining("'Q'");
        assertThatThrownBy(() -> builder.url(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(builder::build).hasMessageContaining("No Redis URL");
    }

    @Test
    void toBuilder_roundTripsEveryField() {
        SymphonyRedisConfig original = SymphonyRedisConfig.builder()
                .url("redis://h:6379").aliasUrl("user", "redis://u:1/2").alias("extra", 3)
                .connectionStrategy(ConnectionStrategy.POOLED).poolSize(3).sharedConnections(5)
                .commandTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(4))
                .reconnectDelayMax(Duration.ofMillis(500)).clientName("svc").keyspaceEvents(false).keyspaceEventFlags("KEA")
                .workersUser(5).workersTool(6).workersAgent(7)
                .poolAcquireTimeout(Duration.ofMillis(1500)).poolMaxPendingAcquires(9)
                .rejectCommandsWhileDisconnected(true)
                .clientResourcesCustomizer(resources -> resources.ioThreadPoolSize(2))
                .clientOptionsCustomizer(options -> options.autoReconnect(true))
                .clientOptionsCustomizer(options -> options.pingBeforeActivateConnection(true))
                .build();

        SymphonyRedisConfig copy = original.toBuilder().build();

        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
        Function<SymphonyRedisConfig, String> describe = SymphonyRedisConfig::toString;
        assertThat(describe.apply(copy)).isEqualTo(describe.apply(original));
        assertThat(copy.toBuilder().poolSize(4).build()).isNotEqualTo(original);
        assertThat(copy.sharedConnections()).isEqualTo(5);
        assertThat(copy.toBuilder().sharedConnections(2).build()).isNotEqualTo(original);
        assertThat(copy.reconnectDelayMax()).isEqualTo(Duration.ofMillis(500));
        assertThat(copy.toBuilder().reconnectDelayMax(Duration.ofSeconds(3)).build()).isNotEqualTo(original);
        assertThat(copy.clientResourcesCustomizers()).hasSize(1).isEqualTo(original.clientResourcesCustomizers());
        assertThat(copy.clientOptionsCustomizers()).hasSize(2).isEqualTo(original.clientOptionsCustomizers());
        assertThat(copy.toBuilder().clientOptionsCustomizer(options -> { }).build()).isNotEqualTo(original);
        assertThat(copy.toBuilder().clientResourcesCustomizer(resources -> { }).build()).isNotEqualTo(original);
    }

    @Test
    void defaultStrategy_isRoundRobinOverTwoSharedConnections() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url("redis://h:6379").build();

        assertThat(config.connectionStrategy()).isEqualTo(ConnectionStrategy.SHARED_ROUND_ROBIN)
                .isEqualTo(SymphonyRedisConfig.DEFAULT_CONNECTION_STRATEGY);
        assertThat(config.sharedConnections()).isEqualTo(SymphonyRedisConfig.DEFAULT_SHARED_CONNECTIONS).isEqualTo(2);
        assertThat(config.poolSize()).isEqualTo(SymphonyRedisConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void customizers_defaultToNone_andRejectNull() {
        SymphonyRedisConfig.Builder builder = SymphonyRedisConfig.builder().url("redis://h:6379");

        assertThat(builder.build().clientResourcesCustomizers()).isEmpty();
        assertThat(builder.build().clientOptionsCustomizers()).isEmpty();
        assertThatThrownBy(() -> builder.clientResourcesCustomizer(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clientResourcesCustomizer");
        assertThatThrownBy(() -> builder.clientOptionsCustomizer(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clientOptionsCustomizer");
    }

    @Test
    void poolLimitsAndDisconnectedBehavior_haveDefaults_andRejectBadValuesNamingThem() {
        SymphonyRedisConfig.Builder builder = SymphonyRedisConfig.builder().url("redis://h:6379");
        SymphonyRedisConfig defaults = builder.build();

        assertThat(defaults.poolAcquireTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.poolMaxPendingAcquires()).isEqualTo(1000);
        assertThat(defaults.rejectCommandsWhileDisconnected()).isFalse();
        assertThatThrownBy(() -> builder.poolAcquireTimeout(Duration.ZERO))
                .hasMessage("poolAcquireTimeout must be > 0, was PT0S");
        assertThatThrownBy(() -> builder.poolAcquireTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("poolAcquireTimeout");
        assertThatThrownBy(() -> builder.poolMaxPendingAcquires(-1))
                .hasMessage("poolMaxPendingAcquires must be >= 0, was -1");
        assertThat(builder.poolMaxPendingAcquires(0).build().poolMaxPendingAcquires()).isZero();
        SymphonyRedisConfig copy = defaults.toBuilder().build();
        assertThat(copy.toBuilder().poolAcquireTimeout(Duration.ofSeconds(1)).build()).isNotEqualTo(copy);
        assertThat(copy.toBuilder().poolMaxPendingAcquires(5).build()).isNotEqualTo(copy);
        assertThat(copy.toBuilder().rejectCommandsWhileDisconnected(true).build()).isNotEqualTo(copy);
    }

    @Test
    void reconnectDelayMax_defaultsToOneSecond_andMustBePositive() {
        SymphonyRedisConfig.Builder builder = SymphonyRedisConfig.builder().url("redis://h:6379");

        assertThat(builder.build().reconnectDelayMax()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> builder.reconnectDelayMax(Duration.ZERO)).hasMessageContaining("reconnectDelayMax");
    }
}
