package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.CodecException;
import io.symphony.redis.RedisCommandException;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;

@OnEveryTopology
class RedisGenericIntegrationTests {

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @Parameter
    Topology backend;

    record Order(String id, int qty, boolean paid) {
    }

    @BeforeParameterizedClassInvocation
    static void start(Topology backend) {
        fixture = RepositoryFixture.open(backend);
        raw = fixture.raw(PoolAliases.DEFAULT);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fixture.close();
    }

    private RedisGeneric repo(String tenant) {
        return fixture.repos.generic(tenant);
    }

    @Test
    void keyIsTenantColonKeyBaseAsInTheOriginal() {
        assertThat(repo("acme").key("config")).isEqualTo("acme:config");
        assertThat(repo("acme").key("a:b")).isEqualTo("acme:a%3Ab");
        assertThat(repo("acme").pool()).isEqualTo(PoolAliases.DEFAULT);
        assertThat(repo("acme").defaultTtl()).isEqualTo(RepositorySupport.DEFAULT_TTL);
    }

    @Test
    void setAppliesTheDefaultTtlAndStoresTheOriginalsFormat() {
        String tenant = fixture.tenant();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("b", List.of("x", true));
        repo(tenant).set("config", value).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.get(tenant + ":config")).isEqualTo("{\"a\": 1, \"b\": [\"x\", true]}");
        assertThat(raw.ttl(tenant + ":config")).isBetween(86_390L, 86_400L);
    }

    @Test
    void setWithTtlAppliesThatTtl() {
        String tenant = fixture.tenant();
        repo(tenant).set("n", 42, Duration.ofSeconds(30)).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.get(tenant + ":n")).isEqualTo("42");
        assertThat(raw.ttl(tenant + ":n")).isBetween(25L, 30L);
    }

    @Test
    void setWithoutTtlStoresAnImmortalValueAndClearsAnOldTtl() {
        String tenant = fixture.tenant();
        RedisGeneric repo = repo(tenant);
        repo.set("flag", true, Duration.ofSeconds(30)).as(StepVerifier::create).expectNext(true).verifyComplete();
        assertThat(raw.ttl(tenant + ":flag")).isPositive();

        repo.setWithoutTtl("flag", false).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.get(tenant + ":flag")).isEqualTo("0");
        assertThat(raw.ttl(tenant + ":flag")).isEqualTo(-1L);
    }

    @Test
    void withDefaultTtlChangesWhatPlainSetApplies() {
        String tenant = fixture.tenant();
        repo(tenant).withDefaultTtl(Duration.ofSeconds(100)).set("k", "v")
                .as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.ttl(tenant + ":k")).isBetween(95L, 100L);
    }

    @Test
    void getDecodesUntypedWithTheOriginalsRules() {
        String tenant = fixture.tenant();
        raw.set(tenant + ":a", "{\"x\": [1, 2.5]}");
        raw.set(tenant + ":b", "1");
        raw.set(tenant + ":c", "01234");

        repo(tenant).get("a").as(StepVerifier::create)
                .expectNext(Map.of("x", List.of(1, 2.5))).verifyComplete();
        repo(tenant).get("b").as(StepVerifier::create).expectNext(true).verifyComplete();
        repo(tenant).get("c").as(StepVerifier::create).expectNext("01234").verifyComplete();
    }

    @Test
    void getIsEmptyWhenMissingOrNull() {
        String tenant = fixture.tenant();
        raw.set(tenant + ":none", "null");

        repo(tenant).get("missing").as(StepVerifier::create).verifyComplete();
        repo(tenant).get("none").as(StepVerifier::create).verifyComplete();
        repo(tenant).get("missing", String.class).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void typedGetReadsRecordsAndStringsWithoutGuessing() {
        String tenant = fixture.tenant();
        RedisGeneric repo = repo(tenant);
        repo.set("order", new Order("o1", 3, true)).as(StepVerifier::create).expectNext(true).verifyComplete();
        assertThat(raw.get(tenant + ":order")).isEqualTo("{\"id\": \"o1\", \"qty\": 3, \"paid\": \"1\"}");
        raw.set(tenant + ":s", "1");

        repo.get("order", Order.class).as(StepVerifier::create)
                .expectNext(new Order("o1", 3, true)).verifyComplete();
        repo.get("s", String.class).as(StepVerifier::create).expectNext("1").verifyComplete();
    }

    @Test
    void typeReferenceGetReadsGenericTypes() {
        String tenant = fixture.tenant();
        raw.set(tenant + ":orders", "[{\"id\": \"a\", \"qty\": 1, \"paid\": \"0\"}]");

        repo(tenant).get("orders", new TypeReference<List<Order>>() { })
                .as(StepVerifier::create).expectNext(List.of(new Order("a", 1, false))).verifyComplete();
    }

    @Test
    void undecodableTypedValueIsCodecExceptionNamingTheKey() {
        String tenant = fixture.tenant();
        raw.set(tenant + ":bad", "not json");

        repo(tenant).get("bad", Order.class).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CodecException.class);
                    assertThat(((CodecException) e).key()).isEqualTo(tenant + ":bad");
                    assertThat(e.getMessage()).contains(tenant + ":bad");
                });
    }

    @Test
    void wrongTypeIsRedisCommandExceptionNamingTheKey() {
        String tenant = fixture.tenant();
        raw.hset(tenant + ":h", "f", "v");

        repo(tenant).get("h").as(StepVerifier::create)
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RedisCommandException.class);
                    assertThat(((RedisCommandException) e).key()).isEqualTo(tenant + ":h");
                });
    }

    @Test
    void deleteEmitsHowManyKeysWentAway() {
        String tenant = fixture.tenant();
        raw.set(tenant + ":x", "1");

        repo(tenant).delete("x").as(StepVerifier::create).expectNext(1L).verifyComplete();
        repo(tenant).delete("x").as(StepVerifier::create).expectNext(0L).verifyComplete();
        assertThat(raw.exists(tenant + ":x")).isZero();
    }

    @Test
    void argumentsAreCheckedAtCallTime() {
        RedisGeneric repo = repo(fixture.tenant());
        assertThatThrownBy(() -> repo.set("k", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.set("k", 1, Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.get("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.get("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.get("k", (Class<Object>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RedisGeneric(fixture.support, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.withDefaultTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onPoolRunsOnAnotherDatabase() {
        backend.assumeStandalone("pools are told apart by their numbered DBs; on a Cluster every alias uses DB 0");
        String tenant = fixture.tenant();
        repo(tenant).onPool(PoolAliases.USER).set("k", "v").as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        assertThat(fixture.raw(PoolAliases.USER).get(tenant + ":k")).isEqualTo("v");
        assertThat(raw.exists(tenant + ":k")).isZero();
    }

    @Test
    void hostileKeyBasesAndTenantsStayInsideTheirOwnKeys() {
        String victim = fixture.tenant();
        String attacker = victim + "*";
        raw.set(victim + ":secret", "s");
        raw.set(victim + ":other", "o");

        List<String> hostile = List.of("*", ":", "?", "[", "\\", "{", "}", "secret*", "s?cret", "[s]ecret",
                "*:secret", "é🙂");
        for (String base : hostile) {
            repo(victim).set(base, "v-" + base).as(StepVerifier::create).expectNext(true).verifyComplete();
            repo(victim).get(base, String.class).as(StepVerifier::create).expectNext("v-" + base).verifyComplete();
            repo(attacker).delete(base).as(StepVerifier::create).expectNext(0L).verifyComplete();
            repo(attacker).get(base).as(StepVerifier::create).verifyComplete();
        }
        repo(attacker).delete("secret").as(StepVerifier::create).expectNext(0L).verifyComplete();
        for (String base : hostile) {
            repo(victim).delete(base).as(StepVerifier::create).expectNext(1L).verifyComplete();
        }

        Map<String, String> dump = new TreeMap<>(raw.keys("*").stream()
                .filter(key -> key.startsWith(victim))
                .collect(Collectors.toMap(key -> key, raw::get)));
        assertThat(dump).containsExactlyEntriesOf(new TreeMap<>(Map.of(victim + ":secret", "s",
                victim + ":other", "o")));
    }

    @Test
    void sixtyFourConcurrentSetsAllLand() {
        String tenant = fixture.tenant();
        RedisGeneric repo = repo(tenant);

        Flux.range(0, 64).flatMap(i -> repo.set("k" + i, i), 64)
                .as(StepVerifier::create).expectNextCount(64).verifyComplete();

        for (int i = 0; i < 64; i++) {
            assertThat(raw.get(tenant + ":k" + i)).isEqualTo(Integer.toString(i));
        }
    }
}
