package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.CodecException;
import io.symphony.redis.RedisCommandException;
import io.symphony.redis.codec.FieldTypes;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@OnEveryTopology
class RedisSharedStateIntegrationTests {

    private static final long DAY = 86_400;

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @Parameter
    Topology backend;

    private String tenant;
    private RedisSharedState states;

    record Profile(String name, boolean active) {
    }

    /** A value Jackson cannot serialize: its only property throws. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("cannot be written");
        }
    }

    @BeforeParameterizedClassInvocation
    static void start(Topology backend) {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(10));
        fixture = RepositoryFixture.open(backend);
        raw = fixture.raw(PoolAliases.SHARED_STATE);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fixture.close();
        StepVerifier.resetDefaultTimeout();
    }

    @BeforeEach
    void newTenant() {
        tenant = fixture.tenant();
        states = fixture.repos.sharedState(tenant, "u1");
    }

    private String key(String stateName) {
        return tenant + ":SS:" + stateName + ":u1";
    }

    private static void assertTtlNear(String key, long seconds) {
        assertThat(raw.ttl(key)).isBetween(seconds - 5, seconds);
    }

    @Test
    void upsert_writesTheOriginalsBytes_withTheDefaultTtl() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step", 2);
        data.put("active", true);
        data.put("tags", List.of("a", "b"));
        data.put("name", "Zoë");
        data.put("none", null);
        data.put("profile", new Profile("Alice", true));

        states.upsert("conversation", data).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("conversation"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "step", "2", "active", "1", "tags", "[\"a\", \"b\"]", "name", "Zoë", "none", "null",
                "profile", "{\"name\": \"Alice\", \"active\": \"1\"}"));
        assertTtlNear(key("conversation"), DAY);
    }

    @Test
    void upsert_mergesFields_andRenewsTheTtl() {
        states.upsert("conv", Map.of("a", 1, "b", "old"), Duration.ofSeconds(100)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();
        assertTtlNear(key("conv"), 100);

        states.upsert("conv", Map.of("b", "new")).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("conv"))).isEqualTo(Map.of("a", "1", "b", "new"));
        assertTtlNear(key("conv"), DAY);
    }

    @Test
    void upsert_rejectsBadArgumentsAtCallTime_andWritesNothing() {
        assertThatThrownBy(() -> states.upsert("conv", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> states.upsert("conv", Map.of("a", 1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> states.upsert("conv", Map.of("a", 1), Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> states.upsert("", Map.of("a", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> states.upsert("conv", Map.of("", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> states.upsert("conv", null)).isInstanceOf(NullPointerException.class);
        // Encoding runs per subscription: an unwritable value is an onError signal, and nothing is written.
        states.upsert("conv", Map.of("bad", new Unwritable())).as(StepVerifier::create)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CodecException.class);
                    assertThat(((CodecException) e).key()).isEqualTo(key("conv"));
                    assertThat(((CodecException) e).field()).isEqualTo("bad");
                })
                .verify(Duration.ofSeconds(10));
        assertThat(raw.exists(key("conv"))).isZero();
    }

    @Test
    void upsert_isLazy_andRepeatsOnResubscription() {
        Mono<Boolean> write = states.upsert("conv", Map.of("n", 1));
        assertThat(raw.exists(key("conv"))).isZero();

        write.as(StepVerifier::create).expectNext(true).verifyComplete();
        raw.hdel(key("conv"), "n");
        write.as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("conv"))).isEqualTo(Map.of("n", "1"));
    }

    @Test
    void get_decodesUntyped_orTyped_andIsEmptyWhenMissing() {
        raw.hset(key("conv"), Map.of("n", "42", "flag", "1", "text", "01234", "json", "{\"a\":[1,2]}",
                "profile", "{\"name\": \"Bob\", \"active\": \"0\"}", "none", "null"));

        states.get("conv").as(StepVerifier::create)
                .assertNext(map -> assertThat(map)
                        .containsEntry("n", 42).containsEntry("flag", true).containsEntry("text", "01234")
                        .containsEntry("json", Map.of("a", List.of(1, 2))).containsEntry("none", null)
                        .containsEntry("profile", Map.of("name", "Bob", "active", "0")))
                .verifyComplete();
        states.get("conv", FieldTypes.builder().field("profile", Profile.class).field("n", String.class).build())
                .as(StepVerifier::create)
                .assertNext(map -> assertThat(map).containsEntry("profile", new Profile("Bob", false))
                        .containsEntry("n", "42").containsEntry("flag", true))
                .verifyComplete();
        states.get("missing").as(StepVerifier::create).verifyComplete();
        assertThat(raw.ttl(key("conv"))).isEqualTo(-1L);
    }

    @Test
    void get_typedFieldThatDoesNotDecode_failsNamingKeyAndField() {
        raw.hset(key("conv"), "profile", "not json");

        states.get("conv", FieldTypes.of("profile", Profile.class)).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(CodecException.class)
                        .hasMessageContaining(key("conv")).hasMessageContaining("profile"));
    }

    @Test
    void getField_decodesLikeTheOriginal_typedOnRequest_andIsEmptyWhenMissing() {
        raw.hset(key("conv"), Map.of("n", "2", "flag", "1", "none", "null", "bad", "abc"));

        states.getField("conv", "n").as(StepVerifier::create).expectNext(2).verifyComplete();
        states.getField("conv", "flag").as(StepVerifier::create).expectNext(true).verifyComplete();
        states.getField("conv", "flag", String.class).as(StepVerifier::create).expectNext("1").verifyComplete();
        states.getField("conv", "n", Long.class).as(StepVerifier::create).expectNext(2L).verifyComplete();
        states.getField("conv", "none").as(StepVerifier::create).verifyComplete();
        states.getField("conv", "absent").as(StepVerifier::create).verifyComplete();
        states.getField("missing", "n").as(StepVerifier::create).verifyComplete();
        states.getField("conv", "bad", Integer.class).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CodecException.class);
                    assertThat(((CodecException) e).key()).isEqualTo(key("conv"));
                    assertThat(((CodecException) e).field()).isEqualTo("bad");
                });
    }

    @Test
    void updateField_writesOneField_andRenewsTheTtl() {
        raw.hset(key("conv"), "keep", "x");
        raw.expire(key("conv"), 50);

        states.updateField("conv", "step", 3.5).as(StepVerifier::create).expectNext(true).verifyComplete();
        assertThat(raw.hgetall(key("conv"))).isEqualTo(Map.of("keep", "x", "step", "3.5"));
        assertTtlNear(key("conv"), DAY);

        states.updateField("conv", "step", Map.of("k", true), Duration.ofSeconds(200)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();
        assertThat(raw.hget(key("conv"), "step")).isEqualTo("{\"k\": true}");
        assertTtlNear(key("conv"), 200);
        assertThatThrownBy(() -> states.updateField("conv", "step", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteField_removesOneField_andKeepsTheTtl() {
        raw.hset(key("conv"), Map.of("a", "1", "b", "2"));
        raw.expire(key("conv"), 300);

        states.deleteField("conv", "a").as(StepVerifier::create).expectNext(1L).verifyComplete();
        states.deleteField("conv", "a").as(StepVerifier::create).expectNext(0L).verifyComplete();
        states.deleteField("missing", "a").as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw.hgetall(key("conv"))).isEqualTo(Map.of("b", "2"));
        assertTtlNear(key("conv"), 300);
    }

    @Test
    void delete_andExists() {
        raw.hset(key("conv"), "a", "1");

        states.exists("conv").as(StepVerifier::create).expectNext(true).verifyComplete();
        states.delete("conv").as(StepVerifier::create).expectNext(1L).verifyComplete();
        states.exists("conv").as(StepVerifier::create).expectNext(false).verifyComplete();
        states.delete("conv").as(StepVerifier::create).expectNext(0L).verifyComplete();
        assertThat(raw.exists(key("conv"))).isZero();
    }

    @Test
    void listStates_returnsNamesExactlyAsGiven() {
        List<String> names = List.of("user_profile", "form:progress", "tool_cache", "a*b?[c]", "日本🎵", "100%");
        Flux.fromIterable(names).concatMap(name -> states.upsert(name, Map.of("x", 1))).blockLast();
        fixture.repos.sharedState(tenant, "u2").upsert("other", Map.of("x", 1)).block();

        states.listStates().collectList().as(StepVerifier::create)
                .assertNext(list -> assertThat(list).containsExactlyInAnyOrderElementsOf(names))
                .verifyComplete();
        assertThat(raw.exists(key("user_profile"), key("form%3Aprogress"), key("100%25"))).isEqualTo(3L);
        fixture.repos.sharedState(tenant, "nobody").listStates().as(StepVerifier::create)
                .verifyComplete();
    }

    @Test
    void listStates_readsAKeyWrittenByTheOriginal() {
        raw.hset(tenant + ":SS:form_progress:u1", "step", "1");

        states.listStates().as(StepVerifier::create).expectNext("form_progress").verifyComplete();
        states.getField("form_progress", "step").as(StepVerifier::create).expectNext(true).verifyComplete();
    }

    @Test
    void clearAllStates_deletesOnlyThisUsersStates() {
        Flux.range(0, 30).concatMap(i -> states.upsert("s" + i, Map.of("i", i))).blockLast();
        fixture.assertOnEveryPrimary(IntStream.range(0, 30).mapToObj(i -> key("s" + i)).toList());
        RedisSharedState other = fixture.repos.sharedState(tenant, "u2");
        other.upsert("s0", Map.of("i", 0)).block();

        states.clearAllStates().as(StepVerifier::create).expectNext(30L).verifyComplete();
        states.clearAllStates().as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw.keys(tenant + ":*")).containsExactly(tenant + ":SS:s0:u2");
    }

    @Test
    void wrongType_arrivesAsRedisCommandExceptionNamingTheKey() {
        raw.set(key("conv"), "a string");

        states.get("conv").as(StepVerifier::create).verifyErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(RedisCommandException.class);
            assertThat(((RedisCommandException) e).key()).isEqualTo(key("conv"));
            assertThat(e).hasMessageContaining("WRONGTYPE");
        });
        states.updateField("conv", "a", 1).as(StepVerifier::create).verifyErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(RedisCommandException.class);
            assertThat(((RedisCommandException) e).key()).isEqualTo(key("conv"));
        });
        assertThat(raw.get(key("conv"))).isEqualTo("a string");
        assertThat(raw.ttl(key("conv"))).isEqualTo(-1L);
        raw.del(key("conv"));
    }

    @Test
    void concurrentUpdates_allLand() {
        Flux.range(0, 64)
                .flatMap(i -> states.updateField("conv", "f" + i, i)
                        .then(states.upsert("state" + i, Map.of("i", i))), 64)
                .blockLast(Duration.ofSeconds(10));

        Map<String, String> stored = raw.hgetall(key("conv"));
        assertThat(stored).hasSize(64);
        for (int i = 0; i < 64; i++) {
            assertThat(stored).containsEntry("f" + i, String.valueOf(i));
        }
        fixture.assertOnEveryPrimary(IntStream.range(0, 64).mapToObj(i -> key("state" + i)).toList());
        states.listStates().count().as(StepVerifier::create).expectNext(65L).verifyComplete();
    }

    @Test
    void copies_useAnotherPoolOrDefaultTtl() {
        backend.assumeStandalone("pools are told apart by their numbered DBs; on a Cluster every alias uses DB 0");
        RedisSharedState shortLived = states.withDefaultTtl(Duration.ofSeconds(300));
        shortLived.upsert("conv", Map.of("a", 1)).as(StepVerifier::create).expectNext(true).verifyComplete();
        assertTtlNear(key("conv"), 300);

        RedisSharedState onDefault = states.onPool(PoolAliases.DEFAULT);
        onDefault.upsert("conv", Map.of("b", 2)).as(StepVerifier::create).expectNext(true).verifyComplete();
        RedisClusterCommands<String, String> defaultDb = fixture.raw(PoolAliases.DEFAULT);
        assertThat(defaultDb.hgetall(key("conv"))).isEqualTo(Map.of("b", "2"));
        assertThat(raw.hgetall(key("conv"))).isEqualTo(Map.of("a", "1"));
        assertThat(onDefault.pool()).isEqualTo(PoolAliases.DEFAULT);
        assertThat(onDefault.userId()).isEqualTo("u1");
        assertThat(states.pool()).isEqualTo(PoolAliases.SHARED_STATE);
        defaultDb.del(key("conv"));
        assertThatThrownBy(() -> states.withDefaultTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> states.onPool(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_validatesIdsWithoutIo() {
        assertThatThrownBy(() -> new RedisSharedState(fixture.support, tenant, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisSharedState(fixture.support, tenant, "a\nb"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisSharedState(fixture.support, "", "u1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisSharedState(fixture.support, tenant, null))
                .isInstanceOf(NullPointerException.class);
        assertThat(raw.keys(tenant + "*")).isEmpty();
    }
}
