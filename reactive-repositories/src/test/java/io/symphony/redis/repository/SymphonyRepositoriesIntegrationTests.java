package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@OnEveryTopology
class SymphonyRepositoriesIntegrationTests {

    private static RepositoryFixture fixture;
    private static SymphonyRepositories repos;

    @Parameter
    Topology backend;

    @BeforeParameterizedClassInvocation
    static void start(Topology backend) {
        fixture = RepositoryFixture.open(backend);
        repos = SymphonyRepositories.of(fixture.runtime);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fixture.close();
    }

    @Test
    void everyRepository_writesIntoItsOwnPoolsDatabase() {
        String tenant = fixture.tenant();

        Mono.when(
                        repos.user(tenant, "u1").upsert(Map.of("name", "Alice")),
                        repos.sharedState(tenant, "u1").upsert("conversation", Map.of("step", 1)),
                        repos.stateHandler(tenant, "u1").upsert("chat", Map.of("step", 2)),
                        repos.table(tenant).upsert("orders", "o1", Map.of("total", 3)),
                        repos.batch(tenant).enqueue("mail", "daily", "send", Map.of("to", "x")),
                        repos.trigger(tenant).set("remind", "u1", Duration.ofMinutes(5)),
                        repos.generic(tenant).set("config", Map.of("theme", "dark")))
                .as(StepVerifier::create)
                .verifyComplete();

        assertThat(fixture.raw(PoolAliases.USER).hget(tenant + ":user:u1", "name")).isEqualTo("Alice");
        assertThat(fixture.raw(PoolAliases.SHARED_STATE).hget(tenant + ":SS:conversation:u1", "step")).isEqualTo("1");
        assertThat(fixture.raw(PoolAliases.HANDLERS).hget(tenant + ":state:chat:u1", "step")).isEqualTo("2");
        assertThat(fixture.raw(PoolAliases.HANDLERS).hget(tenant + ":df:orders:pkid:o1", "total")).isEqualTo("3");
        assertThat(fixture.raw(PoolAliases.HANDLERS).llen(tenant + ":batch:mail:daily:send")).isEqualTo(1);
        assertThat(fixture.raw(PoolAliases.EXPIRY).get(tenant + ":EXPTRIGGER:remind:u1")).startsWith("trigger:");
        assertThat(fixture.raw(PoolAliases.DEFAULT).get(tenant + ":config")).isEqualTo("{\"theme\": \"dark\"}");
    }

    @Test
    void supportToBuilderKeepsEveryValueAndSettersNameBadValues() {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2024-01-02T03:04:05Z"),
                java.time.ZoneOffset.UTC);
        RepositorySupport custom = fixture.support.toBuilder().defaultTtl(Duration.ofMinutes(7)).clock(clock)
                .scanConcurrency(3).build();

        RepositorySupport copy = custom.toBuilder().build();

        assertThat(copy.ops()).isSameAs(custom.ops());
        assertThat(copy.codec()).isSameAs(custom.codec());
        assertThat(copy.keys()).isSameAs(custom.keys());
        assertThat(copy.defaultTtl()).isEqualTo(Duration.ofMinutes(7));
        assertThat(copy.clock()).isEqualTo(clock);
        assertThat(copy.scanConcurrency()).isEqualTo(3);
        assertThatThrownBy(() -> custom.toBuilder().scanConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scanConcurrency must be > 0, was 0");
        assertThatThrownBy(() -> custom.toBuilder().defaultTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultTtl");
    }

    @Test
    void theBatchLayoutFollowsTheEngine() {
        assertThat(repos.batch(fixture.tenant()).topology())
                .isEqualTo(backend.isCluster() ? BatchTopology.CLUSTER : BatchTopology.SINGLE_NODE);
    }

    @Test
    void poolAliasesAreSeparateDatabasesOnStandaloneAndShareDbZeroOnACluster() {
        String tenant = fixture.tenant();
        repos.user(tenant, "u1").upsert(Map.of("name", "Alice")).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        Mono<Map<String, Object>> throughAnotherPool = repos.user(tenant, "u1").onPool(PoolAliases.EXPIRY).get();

        if (backend.isCluster()) {
            throughAnotherPool.as(StepVerifier::create).expectNext(Map.of("name", "Alice")).verifyComplete();
        } else {
            throughAnotherPool.as(StepVerifier::create).verifyComplete();
        }
    }

    @Test
    void withDefaultTtl_appliesToEveryRepository() {
        String tenant = fixture.tenant();

        repos.withDefaultTtl(Duration.ofSeconds(120)).user(tenant, "u1").upsert(Map.of("a", 1))
                .as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(fixture.raw(PoolAliases.USER).ttl(tenant + ":user:u1")).isBetween(115L, 120L);
    }

    @Test
    void illegalIds_areRejectedBeforeAnythingReachesRedis() {
        assertThatThrownBy(() -> repos.user("", "u1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repos.user("acme", "bad\nid")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repos.batch("pending_batches")).isInstanceOf(IllegalArgumentException.class);
    }
}
