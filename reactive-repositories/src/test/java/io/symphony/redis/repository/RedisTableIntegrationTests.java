package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.CodecException;
import io.symphony.redis.RedisCommandException;
import io.symphony.redis.codec.FieldTypes;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

@OnEveryTopology
class RedisTableIntegrationTests {

    private static final Duration DAY = Duration.ofSeconds(86_400);

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @Parameter
    Topology backend;

    private final String tenant = TestRedis.uniqueTenant("table");
    private final RedisTable tables = fixture.repos.table(tenant);

    @BeforeParameterizedClassInvocation
    static void open(Topology backend) {
        fixture = RepositoryFixture.open(backend);
        raw = fixture.raw(PoolAliases.HANDLERS);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        fixture.close();
    }

    private String key(String table, String pkid) {
        return tenant + ":df:" + table + ":pkid:" + pkid;
    }

    private static void assertTtl(String key, Duration expected) {
        assertThat(raw.pttl(key)).as("PTTL of %s", key).isBetween(expected.toMillis() - 5_000, expected.toMillis());
    }

    private static Consumer<Throwable> commandFailure(String command, String key) {
        return error -> assertThat(error).isInstanceOfSatisfying(RedisCommandException.class, failure -> {
            assertThat(failure.command()).isEqualTo(command);
            assertThat(failure.key()).isEqualTo(key);
            assertThat(failure.pool()).isEqualTo(PoolAliases.HANDLERS);
        });
    }

    private void seed(String table, String pkid, Map<String, String> fields) {
        raw.hset(key(table, pkid), fields);
    }

    // ------------------------------------------------------------------ construction and keys

    @Test
    void constructor_usesHandlersPoolDefaultTtlAndOriginalKeys() {
        assertThat(tables.pool()).isEqualTo("handlers");
        assertThat(tables.defaultTtl()).isEqualTo(DAY);
        assertThat(tables.key("products", "p1")).isEqualTo(key("products", "p1"));
        assertThat(tables.key("products", "p:1")).as("escaped, not the original's lossy p_1")
                .isEqualTo(key("products", "p%3A1"));
        assertThat(tables.key("products", "p_1")).isEqualTo(key("products", "p_1"));
        assertThatThrownBy(() -> new RedisTable(fixture.support, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tables.get("", "p1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tables.get("t", "p\r1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tables.get(null, "p1")).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------------ get

    @Test
    void get_decodesUntypedAndIsEmptyWhenMissing() {
        seed("products", "p1", Map.of("name", "Lamp", "price", "19.5", "stock", "3", "sale", "0"));

        tables.get("products", "p1").as(StepVerifier::create)
                .expectNext(Map.of("name", "Lamp", "price", 19.5, "stock", 3, "sale", false)).verifyComplete();
        tables.get("products", "p2").as(StepVerifier::create).verifyComplete();
        tables.get("other", "p1").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void get_withFieldTypes_readsTypedAndNamesKeyAndFieldOnFailure() {
        seed("products", "p1", Map.of("price", "19.50", "sku", "00123"));

        tables.get("products", "p1", FieldTypes.builder().field("price", BigDecimal.class)
                        .field("sku", String.class).build())
                .as(StepVerifier::create)
                .expectNext(Map.of("price", new BigDecimal("19.50"), "sku", "00123")).verifyComplete();
        tables.get("products", "p1", FieldTypes.of("sku", List.class)).as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(CodecException.class,
                        failure -> {
                            assertThat(failure.key()).isEqualTo(key("products", "p1"));
                            assertThat(failure.field()).isEqualTo("sku");
                        }));
    }

    // ------------------------------------------------------------------ upsert

    @Test
    void upsert_writesTheOriginalBytesMergesAndResetsTheTtl() {
        seed("products", "p1", Map.of("kept", "1", "name", "Old"));
        raw.expire(key("products", "p1"), 30);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Lamp");
        data.put("price", 19.5);
        data.put("big", 1e20);
        data.put("active", false);
        data.put("dims", List.of(10, 20));

        tables.upsert("products", "p1", data).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("products", "p1"))).isEqualTo(Map.of("kept", "1", "name", "Lamp",
                "price", "19.5", "big", "1e+20", "active", "0", "dims", "[10, 20]"));
        assertTtl(key("products", "p1"), DAY);
    }

    @Test
    void upsert_withTtl_setsThatTtl_andEmptyDataIsRejected() {
        tables.upsert("products", "p1", Map.of("a", 1), Duration.ofSeconds(100)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("products", "p1"))).isEqualTo(Map.of("a", "1"));
        assertTtl(key("products", "p1"), Duration.ofSeconds(100));
        assertThatThrownBy(() -> tables.upsert("products", "p1", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tables.upsert("products", "p1", Map.of("a", 1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(raw.exists(key("products", "p1"))).isOne();
    }

    @Test
    void upsert_onWrongType_failsNamingTheKeyAndLeavesTheTtl() {
        raw.set(key("products", "p1"), "a string");

        tables.upsert("products", "p1", Map.of("a", 1)).as(StepVerifier::create)
                .verifyErrorSatisfies(commandFailure("HSET+PEXPIRE", key("products", "p1")));
        assertThat(raw.ttl(key("products", "p1"))).isEqualTo(-1L);
    }

    // ------------------------------------------------------------------ getField

    @Test
    void getField_untypedAndTyped() {
        seed("products", "p1", Map.of("stock", "3", "sku", "00123", "gone", "null"));

        tables.getField("products", "p1", "stock").as(StepVerifier::create).expectNext(3).verifyComplete();
        tables.getField("products", "p1", "stock", Long.class).as(StepVerifier::create).expectNext(3L)
                .verifyComplete();
        tables.getField("products", "p1", "stock", String.class).as(StepVerifier::create).expectNext("3")
                .verifyComplete();
        tables.getField("products", "p1", "gone").as(StepVerifier::create).verifyComplete();
        tables.getField("products", "p1", "missing").as(StepVerifier::create).verifyComplete();
        tables.getField("products", "p9", "stock", Long.class).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void getField_typedUndecodable_signalsCodecExceptionNamingKeyAndField() {
        seed("products", "p1", Map.of("stock", "three"));

        tables.getField("products", "p1", "stock", Integer.class).as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(CodecException.class,
                        failure -> {
                            assertThat(failure.key()).isEqualTo(key("products", "p1"));
                            assertThat(failure.field()).isEqualTo("stock");
                        }));
    }

    // ------------------------------------------------------------------ updateField

    @Test
    void updateField_writesOneFieldAndResetsTheTtl() {
        seed("products", "p1", Map.of("kept", "x"));
        raw.expire(key("products", "p1"), 30);

        tables.updateField("products", "p1", "active", true).as(StepVerifier::create).expectNext(true)
                .verifyComplete();
        assertThat(raw.hgetall(key("products", "p1"))).isEqualTo(Map.of("kept", "x", "active", "1"));
        assertTtl(key("products", "p1"), DAY);

        tables.updateField("products", "p2", "name", "Desk", Duration.ofSeconds(70)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();
        assertThat(raw.hgetall(key("products", "p2"))).isEqualTo(Map.of("name", "Desk"));
        assertTtl(key("products", "p2"), Duration.ofSeconds(70));
    }

    // ------------------------------------------------------------------ incrementField

    @Test
    void incrementField_allOverloads() {
        tables.incrementField("stats", "d1", "hits").as(StepVerifier::create).expectNext(1L).verifyComplete();
        tables.incrementField("stats", "d1", "hits", 9).as(StepVerifier::create).expectNext(10L).verifyComplete();
        assertTtl(key("stats", "d1"), DAY);
        tables.incrementField("stats", "d1", "hits", -10, Duration.ofSeconds(50)).as(StepVerifier::create)
                .expectNext(0L).verifyComplete();

        assertThat(raw.hget(key("stats", "d1"), "hits")).isEqualTo("0");
        assertTtl(key("stats", "d1"), Duration.ofSeconds(50));
    }

    @Test
    void incrementField_nonIntegerField_failsNamingTheKeyAndLeavesTheTtl() {
        seed("stats", "d1", Map.of("hits", "1.5"));
        raw.expire(key("stats", "d1"), 30);

        tables.incrementField("stats", "d1", "hits").as(StepVerifier::create)
                .verifyErrorSatisfies(commandFailure("HINCRBY+PEXPIRE", key("stats", "d1")));

        assertThat(raw.hget(key("stats", "d1"), "hits")).isEqualTo("1.5");
        assertThat(raw.ttl(key("stats", "d1"))).isBetween(25L, 30L);
    }

    @Test
    void incrementField_64ConcurrentCalls_loseNothing() {
        Flux.range(0, 64).flatMap(i -> tables.incrementField("stats", "d1", "hits", 2), 64)
                .as(StepVerifier::create).expectNextCount(64).verifyComplete();

        assertThat(raw.hget(key("stats", "d1"), "hits")).isEqualTo("128");
    }

    // ------------------------------------------------------------------ appendToList

    @Test
    void appendToList_appendsAndRenewsTheTtl() {
        seed("orders", "o1", Map.of("lines", "[{\"sku\": \"a\"}]"));
        raw.expire(key("orders", "o1"), 30);

        tables.appendToList("orders", "o1", "lines", Map.of("sku", "b")).as(StepVerifier::create).expectNext(true)
                .verifyComplete();
        assertThat(raw.hget(key("orders", "o1"), "lines")).isEqualTo("[{\"sku\": \"a\"}, {\"sku\": \"b\"}]");
        assertTtl(key("orders", "o1"), DAY);

        tables.appendToList("orders", "o2", "notes", "ñandú", Duration.ofSeconds(40)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();
        assertThat(raw.hget(key("orders", "o2"), "notes")).isEqualTo("[\"ñandú\"]");
        assertTtl(key("orders", "o2"), Duration.ofSeconds(40));
    }

    @Test
    void appendToList_64ConcurrentAppends_keepAll64() {
        Flux.range(0, 64).flatMap(i -> tables.appendToList("orders", "o1", "lines", "l" + i), 64)
                .as(StepVerifier::create).expectNextCount(64).verifyComplete();

        tables.getField("orders", "o1", "lines").as(StepVerifier::create)
                .assertNext(lines -> assertThat((List<Object>) lines).containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 64).mapToObj(i -> "l" + i).toList()))
                .verifyComplete();
    }

    // ------------------------------------------------------------------ exists, delete

    @Test
    void existsAndDelete_touchOnlyTheRow() {
        seed("products", "p1", Map.of("a", "1"));
        seed("products", "p2", Map.of("a", "1"));

        tables.exists("products", "p1").as(StepVerifier::create).expectNext(true).verifyComplete();
        tables.delete("products", "p1").as(StepVerifier::create).expectNext(1L).verifyComplete();
        tables.delete("products", "p1").as(StepVerifier::create).expectNext(0L).verifyComplete();
        tables.exists("products", "p1").as(StepVerifier::create).expectNext(false).verifyComplete();

        assertThat(raw.exists(key("products", "p1"))).isZero();
        assertThat(raw.exists(key("products", "p2"))).isOne();
    }

    // ------------------------------------------------------------------ findByField

    @Test
    void findByField_emitsTheMatchingRowOfThatTableOnly() {
        seed("products", "p1", Map.of("sku", "A-1", "stock", "3"));
        seed("products", "p2", Map.of("sku", "B-2", "stock", "5"));
        seed("archive", "p3", Map.of("sku", "C-3"));
        fixture.repos.table(tenant + "x").upsert("products", "p4", Map.of("sku", "D-4")).block();

        tables.findByField("products", "sku", "B-2").as(StepVerifier::create)
                .expectNext(Map.of("sku", "B-2", "stock", 5)).verifyComplete();
        tables.findByField("products", "stock", 5, FieldTypes.of("sku", String.class)).as(StepVerifier::create)
                .expectNext(Map.of("sku", "B-2", "stock", 5)).verifyComplete();
        tables.findByField("products", "sku", "C-3").as(StepVerifier::create).verifyComplete();
        tables.findByField("products", "sku", "D-4").as(StepVerifier::create).verifyComplete();
        tables.findByField("nothing", "sku", "A-1").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void findByField_comparesDecodedValues() {
        seed("products", "p1", Map.of("meta", "{\"b\":1,  \"a\":true}"));

        tables.findByField("products", "meta", Map.of("a", true, "b", 1)).as(StepVerifier::create)
                .expectNext(Map.of("meta", Map.of("b", 1, "a", true))).verifyComplete();
    }

    // ------------------------------------------------------------------ deleteAllByPkid

    @Test
    void deleteAllByPkid_deletesThatPkidInEveryTableOfThisTenantOnly() {
        seed("products", "p1", Map.of("a", "1"));
        seed("archive", "p1", Map.of("a", "1"));
        seed("products", "p2", Map.of("a", "1"));
        seed("products", "xp1", Map.of("a", "1"));
        RedisTable other = fixture.repos.table(tenant + "x");
        other.upsert("products", "p1", Map.of("a", 1)).block();
        // Matched by the glob {tenant}:df:*:pkid:p1 but not a row key of this tenant (the original's tenant
        // "{tenant}:df:evil" would write it): the parser must keep it out.
        raw.hset(tenant + ":df:evil:df:products:pkid:p1", Map.of("a", "1"));

        tables.deleteAllByPkid("p1").as(StepVerifier::create).expectNext(2L).verifyComplete();
        tables.deleteAllByPkid("p1").as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw.keys(tenant + "*")).containsExactlyInAnyOrder(key("products", "p2"), key("products", "xp1"),
                tenant + "x:df:products:pkid:p1", tenant + ":df:evil:df:products:pkid:p1");
    }

    @Test
    void findByField_findsRowsWhereverTheyLive() {
        Map<String, Integer> rowsByKey = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            tables.upsert("products", "p" + i, Map.of("sku", "S-" + i)).block();
            rowsByKey.put(key("products", "p" + i), i);
        }

        for (int i : fixture.onePerPrimary(rowsByKey)) {
            tables.findByField("products", "sku", "S-" + i).as(StepVerifier::create)
                    .expectNext(Map.of("sku", "S-" + i)).verifyComplete();
        }
    }

    @Test
    void deleteAllByPkid_manyRows_deletesAllInBatches() {
        Flux.range(0, 250).flatMap(i -> tables.upsert("t" + i, "shared", Map.of("i", i)), 32).blockLast();
        tables.upsert("t0", "kept", Map.of("i", 0)).block();
        fixture.assertOnEveryPrimary(IntStream.range(0, 250).mapToObj(i -> key("t" + i, "shared")).toList());

        tables.deleteAllByPkid("shared").as(StepVerifier::create).expectNext(250L).verifyComplete();

        assertThat(raw.keys(tenant + "*")).containsExactly(key("t0", "kept"));
    }

    // ------------------------------------------------------------------ hostile names, pools, TTL copies

    @Test
    void hostileTableNamesAndPkids_stayInsideTheirOwnRows() {
        List<String> names = List.of("*", "?", "[a]", "\\", "{", ":", "ü");
        for (String name : names) {
            tables.upsert(name, name, Map.of("n", name)).block();
            tables.upsert("plain", name, Map.of("n", name)).block();
        }
        seed("plain", "p1", Map.of("n", "p1"));
        Set<String> before = Set.copyOf(raw.keys(tenant + "*"));

        for (String name : names) {
            tables.get(name, name).as(StepVerifier::create).expectNext(Map.of("n", name)).verifyComplete();
            tables.findByField(name, "n", "p1").as(StepVerifier::create).verifyComplete();
            tables.findByField("plain", "n", name).as(StepVerifier::create).expectNext(Map.of("n", name))
                    .verifyComplete();
        }
        tables.deleteAllByPkid("*").as(StepVerifier::create).expectNext(2L).verifyComplete();

        Set<String> expected = before.stream()
                .filter(k -> !k.equals(key("%2A", "%2A")) && !k.equals(key("plain", "%2A")))
                .collect(Collectors.toSet());
        assertThat(Set.copyOf(raw.keys(tenant + "*"))).isEqualTo(expected).contains(key("plain", "p1"));
    }

    @Test
    void onPoolAndWithDefaultTtl_returnConfiguredCopies() {
        backend.assumeStandalone("pools are told apart by their numbered DBs; on a Cluster every alias uses DB 0");
        RedisTable onDefault = tables.onPool(PoolAliases.DEFAULT).withDefaultTtl(Duration.ofSeconds(33));

        onDefault.upsert("products", "p1", Map.of("a", 1)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        RedisClusterCommands<String, String> rawDefault = fixture.raw(PoolAliases.DEFAULT);
        assertThat(rawDefault.hgetall(key("products", "p1"))).isEqualTo(Map.of("a", "1"));
        assertThat(rawDefault.pttl(key("products", "p1"))).isBetween(28_000L, 33_000L);
        assertThat(raw.exists(key("products", "p1"))).isZero();
        assertThat(onDefault.pool()).isEqualTo("default");
        assertThat(onDefault.tenant()).isEqualTo(tenant);
        rawDefault.del(key("products", "p1"));
    }
}
