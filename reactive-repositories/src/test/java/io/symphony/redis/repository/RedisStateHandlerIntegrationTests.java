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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Every method of {@link RedisStateHandler} but {@code merge} (see {@link StateHandlerMergeIntegrationTests}). */
@OnEveryTopology
class RedisStateHandlerIntegrationTests {

    private static final long DAY = 86_400;

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @Parameter
    Topology backend;

    private String tenant;
    private RedisStateHandler handlers;

    record Slot(String name, boolean filled) {
    }

    @BeforeParameterizedClassInvocation
    static void start(Topology backend) {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(10));
        fixture = RepositoryFixture.open(backend);
        raw = fixture.raw(PoolAliases.HANDLERS);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fixture.close();
        StepVerifier.resetDefaultTimeout();
    }

    @BeforeEach
    void newTenant() {
        tenant = fixture.tenant();
        handlers = fixture.repos.stateHandler(tenant, "u1");
    }

    private String key(String handlerName) {
        return tenant + ":state:" + handlerName + ":u1";
    }

    private static void assertTtlNear(String key, long seconds) {
        assertThat(raw.ttl(key)).isBetween(seconds - 5, seconds);
    }

    @Test
    void upsert_writesTheOriginalsBytes_andTtl() {
        handlers.upsert("chat_handler", Map.of("step", 2, "done", false, "slot", new Slot("date", true)))
                .as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("chat_handler"))).isEqualTo(Map.of("step", "2", "done", "0",
                "slot", "{\"name\": \"date\", \"filled\": \"1\"}"));
        assertTtlNear(key("chat_handler"), DAY);

        handlers.upsert("chat_handler", Map.of("step", 3), Duration.ofSeconds(60)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();
        assertThat(raw.hget(key("chat_handler"), "step")).isEqualTo("3");
        assertThat(raw.hget(key("chat_handler"), "done")).isEqualTo("0");
        assertTtlNear(key("chat_handler"), 60);
        assertThatThrownBy(() -> handlers.upsert("chat_handler", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handlers.upsert("chat_handler", Map.of("a", 1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void get_decodesUntyped_orTyped_andIsEmptyWhenMissing() {
        raw.hset(key("h"), Map.of("step", "2", "slot", "{\"name\": \"date\", \"filled\": \"1\"}"));

        handlers.get("h").as(StepVerifier::create)
                .assertNext(map -> assertThat(map).containsEntry("step", 2)
                        .containsEntry("slot", Map.of("name", "date", "filled", "1")))
                .verifyComplete();
        handlers.get("h", FieldTypes.of("slot", Slot.class)).as(StepVerifier::create)
                .assertNext(map -> assertThat(map).containsEntry("slot", new Slot("date", true)))
                .verifyComplete();
        handlers.get("missing").as(StepVerifier::create).verifyComplete();
        handlers.get("h", FieldTypes.of("step", Slot.class)).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CodecException.class);
                    assertThat(((CodecException) e).key()).isEqualTo(key("h"));
                    assertThat(((CodecException) e).field()).isEqualTo("step");
                });
    }

    @Test
    void getField_isDecoded_unlikeTheOriginalsRawString() {
        raw.hset(key("h"), Map.of("step", "2", "flag", "1", "list", "[1, \"a\"]", "none", "null"));

        handlers.getField("h", "step").as(StepVerifier::create).expectNext(2).verifyComplete();
        handlers.getField("h", "flag").as(StepVerifier::create).expectNext(true).verifyComplete();
        handlers.getField("h", "list").as(StepVerifier::create).expectNext(List.of(1, "a")).verifyComplete();
        handlers.getField("h", "step", String.class).as(StepVerifier::create).expectNext("2").verifyComplete();
        handlers.getField("h", "none").as(StepVerifier::create).verifyComplete();
        handlers.getField("h", "absent").as(StepVerifier::create).verifyComplete();
        handlers.getField("missing", "step").as(StepVerifier::create).verifyComplete();
        handlers.getField("h", "list", Integer.class).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(CodecException.class)
                        .hasMessageContaining(key("h")).hasMessageContaining("list"));
    }

    @Test
    void updateField_withoutTtl_onANewKey_setsTheDefaultTtl() {
        handlers.updateField("h", "step", 1).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("h"))).isEqualTo(Map.of("step", "1"));
        assertTtlNear(key("h"), DAY);

        RedisStateHandler shortLived = handlers.withDefaultTtl(Duration.ofSeconds(120));
        shortLived.updateField("other", "step", "x").as(StepVerifier::create).expectNext(true).verifyComplete();
        assertTtlNear(key("other"), 120);
    }

    @Test
    void updateField_withoutTtl_keepsAnExistingTtl() {
        raw.hset(key("h"), "a", "1");
        raw.expire(key("h"), 100);

        handlers.updateField("h", "step", List.of("x", true)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        assertThat(raw.hgetall(key("h"))).isEqualTo(Map.of("a", "1", "step", "[\"x\", true]"));
        assertTtlNear(key("h"), 100);
    }

    @Test
    void updateField_withoutTtl_givesAnImmortalKeyTheDefaultTtl() {
        raw.hset(key("h"), "a", "1");
        assertThat(raw.ttl(key("h"))).isEqualTo(-1L);

        handlers.updateField("h", "b", 2).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("h"))).isEqualTo(Map.of("a", "1", "b", "2"));
        assertTtlNear(key("h"), DAY);
    }

    @Test
    void updateField_withoutTtl_concurrentlyOnANewKey_keepsEveryFieldAndOneTtl() {
        Flux.range(0, 64).flatMap(i -> handlers.updateField("h", "f" + i, i), 64).blockLast(Duration.ofSeconds(10));

        Map<String, String> stored = raw.hgetall(key("h"));
        assertThat(stored).hasSize(64);
        for (int i = 0; i < 64; i++) {
            assertThat(stored).containsEntry("f" + i, String.valueOf(i));
        }
        assertTtlNear(key("h"), DAY);
    }

    @Test
    void updateField_withoutTtl_onAWrongType_failsAndChangesNothing() {
        raw.set(key("h"), "text");

        handlers.updateField("h", "a", 1).as(StepVerifier::create).verifyErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(RedisCommandException.class).hasMessageContaining("WRONGTYPE");
            assertThat(((RedisCommandException) e).key()).isEqualTo(key("h"));
            assertThat(((RedisCommandException) e).pool()).isEqualTo(PoolAliases.HANDLERS);
        });
        assertThat(raw.get(key("h"))).isEqualTo("text");
        assertThat(raw.ttl(key("h"))).isEqualTo(-1L);
        raw.del(key("h"));
    }

    @Test
    void updateField_rejectsBadArgumentsAtCallTime() {
        assertThatThrownBy(() -> handlers.updateField("h", "", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handlers.updateField("", "a", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handlers.updateField("h", "a", 1, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
        handlers.updateField("h", "a", new RedisSharedStateIntegrationTests.Unwritable()).as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CodecException.class)
                        .hasMessageContaining(key("h")).hasMessageContaining("'a'"))
                .verify(Duration.ofSeconds(10));
        assertThat(raw.exists(key("h"))).isZero();
    }

    @Test
    void updateField_withTtl_writesAndResetsTheTtl() {
        raw.hset(key("h"), "a", "1");
        raw.expire(key("h"), 100);

        handlers.updateField("h", "a", 2.5, Duration.ofSeconds(500)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        assertThat(raw.hget(key("h"), "a")).isEqualTo("2.5");
        assertTtlNear(key("h"), 500);
    }

    @Test
    void incrementField_countsAtomically_andRenewsTheTtl() {
        handlers.incrementField("h", "n").as(StepVerifier::create).expectNext(1L).verifyComplete();
        handlers.incrementField("h", "n", 5).as(StepVerifier::create).expectNext(6L).verifyComplete();
        assertThat(raw.hget(key("h"), "n")).isEqualTo("6");
        assertTtlNear(key("h"), DAY);
        handlers.incrementField("h", "n", -2, Duration.ofSeconds(70)).as(StepVerifier::create).expectNext(4L)
                .verifyComplete();
        assertTtlNear(key("h"), 70);

        Flux.range(0, 64).flatMap(i -> handlers.incrementField("h", "n"), 64).blockLast(Duration.ofSeconds(10));
        assertThat(raw.hget(key("h"), "n")).isEqualTo("68");
    }

    @Test
    void incrementField_onANonInteger_failsAndLeavesTheTtl() {
        raw.hset(key("h"), "n", "abc");
        raw.expire(key("h"), 100);

        handlers.incrementField("h", "n").as(StepVerifier::create).verifyErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(RedisCommandException.class);
            assertThat(((RedisCommandException) e).key()).isEqualTo(key("h"));
        });
        assertThat(raw.hget(key("h"), "n")).isEqualTo("abc");
        assertTtlNear(key("h"), 100);
    }

    @Test
    void appendToList_appendsOnTheServer_inTheOriginalsFormat() {
        handlers.appendToList("h", "items", "a").as(StepVerifier::create).expectNext(true).verifyComplete();
        handlers.appendToList("h", "items", 1).as(StepVerifier::create).expectNext(true).verifyComplete();
        handlers.appendToList("h", "items", Map.of("k", true), Duration.ofSeconds(90)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();

        assertThat(raw.hget(key("h"), "items")).isEqualTo("[\"a\", 1, {\"k\": true}]");
        assertTtlNear(key("h"), 90);
        handlers.getField("h", "items").as(StepVerifier::create).expectNext(List.of("a", 1, Map.of("k", true)))
                .verifyComplete();
    }

    @Test
    void appendToList_concurrently_keepsEveryElement() {
        Flux.range(0, 64).flatMap(i -> handlers.appendToList("h", "items", i), 64).blockLast(Duration.ofSeconds(10));

        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            expected.add(i);
        }
        handlers.getField("h", "items").as(StepVerifier::create)
                .assertNext(list -> assertThat(list).asInstanceOf(InstanceOfAssertFactories.LIST)
                        .containsExactlyInAnyOrderElementsOf(expected))
                .verifyComplete();
        assertTtlNear(key("h"), DAY);
    }

    @Test
    void exists_andDelete() {
        raw.hset(key("h"), "a", "1");

        handlers.exists("h").as(StepVerifier::create).expectNext(true).verifyComplete();
        handlers.delete("h").as(StepVerifier::create).expectNext(1L).verifyComplete();
        handlers.exists("h").as(StepVerifier::create).expectNext(false).verifyComplete();
        handlers.delete("h").as(StepVerifier::create).expectNext(0L).verifyComplete();
        assertThat(raw.exists(key("h"))).isZero();
    }

    @Test
    void copies_runOnAnotherPool() {
        backend.assumeStandalone("pools are told apart by their numbered DBs; on a Cluster every alias uses DB 0");
        RedisStateHandler onDefault = handlers.onPool(PoolAliases.DEFAULT);
        onDefault.upsert("h", Map.of("a", 1)).as(StepVerifier::create).expectNext(true).verifyComplete();

        RedisClusterCommands<String, String> defaultDb = fixture.raw(PoolAliases.DEFAULT);
        assertThat(defaultDb.hgetall(key("h"))).isEqualTo(Map.of("a", "1"));
        assertThat(raw.exists(key("h"))).isZero();
        assertThat(onDefault.userId()).isEqualTo("u1");
        assertThat(onDefault.tenant()).isEqualTo(tenant);
        defaultDb.del(key("h"));
    }

    @Test
    void hostileNames_reachOnlyTheirOwnKeys() {
        List<RedisStateHandler> repos = new ArrayList<>();
        for (String t : List.of(tenant, tenant + "*", tenant + ":state")) {
            for (String user : List.of("u1", "*", ":", "?", "[", "\\", "{", "ü")) {
                repos.add(fixture.repos.stateHandler(t, user));
            }
        }
        Flux.fromIterable(repos).flatMap(r -> r.upsert("chat", Map.of("who", r.tenant() + "|" + r.userId())), 32)
                .blockLast(Duration.ofSeconds(10));
        Map<String, Map<String, String>> before = dump();
        assertThat(before).hasSize(repos.size());

        for (RedisStateHandler repo : repos) {
            for (String hostile : List.of("*", "c*", "ch?t", "[c]hat", "\\*")) {
                repo.delete(hostile).as(StepVerifier::create).expectNext(0L).verifyComplete();
                repo.exists(hostile).as(StepVerifier::create).expectNext(false).verifyComplete();
                repo.get(hostile).as(StepVerifier::create).verifyComplete();
            }
            repo.getField("chat", "who").as(StepVerifier::create).expectNext(repo.tenant() + "|" + repo.userId())
                    .verifyComplete();
        }
        assertThat(dump()).isEqualTo(before);

        Map<String, Map<String, String>> remaining = new TreeMap<>(before);
        for (RedisStateHandler repo : repos) {
            repo.delete("chat").as(StepVerifier::create).expectNext(1L).verifyComplete();
            remaining.remove(fixture.support.keys().handlerStateKey(repo.tenant(), "chat", repo.userId()));
            assertThat(dump()).isEqualTo(remaining);
        }
        assertThat(remaining).isEmpty();
    }

    private Map<String, Map<String, String>> dump() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        raw.keys("*").stream().filter(k -> k.contains(tenant)).forEach(k -> all.put(k, raw.hgetall(k)));
        return all;
    }
}
