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
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;

@OnEveryTopology
class RedisUserIntegrationTests {

    private static final Duration DAY = Duration.ofSeconds(86_400);

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @Parameter
    Topology backend;

    private final String tenant = TestRedis.uniqueTenant("user");

    record Profile(String name, boolean active, int score, List<String> tags) {
    }

    @BeforeParameterizedClassInvocation
    static void open(Topology backend) {
        fixture = RepositoryFixture.open(backend);
        raw = fixture.raw(PoolAliases.USER);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        fixture.close();
    }

    private RedisUser user(String userId) {
        return fixture.repos.user(tenant, userId);
    }

    private String key(String userId) {
        return tenant + ":user:" + userId;
    }

    /** The key's remaining TTL is within five seconds below {@code expected}. */
    private static void assertTtl(String key, Duration expected) {
        assertThat(raw.pttl(key)).as("PTTL of %s", key).isBetween(expected.toMillis() - 5_000, expected.toMillis());
    }

    private static Consumer<Throwable> commandFailure(String command, String key) {
        return error -> assertThat(error).isInstanceOfSatisfying(RedisCommandException.class, failure -> {
            assertThat(failure.command()).isEqualTo(command);
            assertThat(failure.key()).isEqualTo(key);
            assertThat(failure.pool()).isEqualTo(PoolAliases.USER);
            assertThat(failure).hasMessageContaining(key);
        });
    }

    private static Consumer<Throwable> codecFailure(String key, String field) {
        return error -> assertThat(error).isInstanceOfSatisfying(CodecException.class, failure -> {
            assertThat(failure.key()).isEqualTo(key);
            assertThat(failure.field()).isEqualTo(field);
            assertThat(failure).hasMessageContaining(key).hasMessageContaining(field);
        });
    }

    // ------------------------------------------------------------------ construction

    @Test
    void constructor_usesUserPoolDefaultTtlAndOriginalKey() {
        RedisUser user = user("u1");

        assertThat(user.pool()).isEqualTo("user");
        assertThat(user.defaultTtl()).isEqualTo(DAY);
        assertThat(user.key()).isEqualTo(key("u1"));
        assertThat(user.userId()).isEqualTo("u1");
        assertThat(user.tenant()).isEqualTo(tenant);
    }

    @Test
    void constructor_illegalIds_throwAtCallTime() {
        assertThatThrownBy(() -> user("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RedisUser(fixture.support, "", "u1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisUser(fixture.support, "t\u0000", "u1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void methods_areLazy_nothingReachesRedisBeforeSubscribe() {
        RedisUser user = user("lazy");

        user.upsert(Map.of("a", 1));
        user.updateField("b", 2);
        user.incrementField("c");
        user.appendToList("d", "x");

        assertThat(raw.exists(user.key())).isZero();
    }

    // ------------------------------------------------------------------ get

    @Test
    void get_missingUser_completesEmpty() {
        user("nobody").get().as(StepVerifier::create).verifyComplete();
        user("nobody").get(FieldTypes.of("a", Integer.class)).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void get_decodesEveryFieldWithTheOriginalRules() {
        raw.hset(key("u1"), orderedMap("name", "Alice", "active", "1", "score", "100", "tags", "[\"x\", \"y\"]",
                "gone", "null", "zip", "01234"));
        Map<String, Object> expected = new HashMap<>();
        expected.put("name", "Alice");
        expected.put("active", true);
        expected.put("score", 100);
        expected.put("tags", List.of("x", "y"));
        expected.put("gone", null);
        expected.put("zip", "01234");

        user("u1").get().as(StepVerifier::create).expectNext(expected).verifyComplete();
        assertThat(raw.ttl(key("u1"))).as("reads never touch the TTL").isEqualTo(-1L);
    }

    @Test
    void get_withFieldTypes_readsThoseFieldsTyped() {
        raw.hset(key("u1"), orderedMap("zip", "01234", "score", "100", "profile",
                "{\"name\": \"Alice\", \"active\": \"1\", \"score\": 100, \"tags\": [\"x\", \"y\"]}", "flag", "1"));
        FieldTypes types = FieldTypes.builder().field("zip", String.class).field("score", Long.class)
                .field("profile", Profile.class).build();

        user("u1").get(types).as(StepVerifier::create)
                .assertNext(record -> {
                    assertThat(record.get("zip")).isEqualTo("01234");
                    assertThat(record.get("score")).isEqualTo(100L);
                    assertThat(record.get("profile")).isEqualTo(new Profile("Alice", true, 100, List.of("x", "y")));
                    assertThat(record.get("flag")).isEqualTo(true);
                })
                .verifyComplete();
    }

    @Test
    void get_typedFieldUndecodable_signalsCodecExceptionNamingKeyAndField() {
        raw.hset(key("u1"), Map.of("score", "not a number"));

        user("u1").get(FieldTypes.of("score", Integer.class)).as(StepVerifier::create)
                .verifyErrorSatisfies(codecFailure(key("u1"), "score"));
    }

    @Test
    void get_onWrongType_signalsRedisCommandExceptionNamingKey() {
        raw.set(key("u1"), "a string");

        user("u1").get().as(StepVerifier::create).verifyErrorSatisfies(commandFailure("HGETALL", key("u1")));
    }

    // ------------------------------------------------------------------ upsert

    @Test
    void upsert_writesTheOriginalBytesWithTheDefaultTtl() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Alice");
        data.put("active", true);
        data.put("score", 100);
        data.put("ratio", 0.5);
        data.put("tags", List.of("x", "y"));
        data.put("nothing", null);

        user("u1").upsert(data).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("u1"))).isEqualTo(orderedMap("name", "Alice", "active", "1", "score", "100",
                "ratio", "0.5", "tags", "[\"x\", \"y\"]", "nothing", "null"));
        assertTtl(key("u1"), DAY);
    }

    @Test
    void upsert_mergesFieldsAndResetsTheTtl() {
        raw.hset(key("u1"), Map.of("kept", "1", "name", "Old"));
        raw.expire(key("u1"), 30);

        user("u1").upsert(Map.of("name", "New")).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hgetall(key("u1"))).isEqualTo(Map.of("kept", "1", "name", "New"));
        assertTtl(key("u1"), DAY);
    }

    @Test
    void upsert_withTtl_setsThatTtl() {
        user("u1").upsert(Map.of("a", "b"), Duration.ofSeconds(120)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        assertThat(raw.hgetall(key("u1"))).isEqualTo(Map.of("a", "b"));
        assertTtl(key("u1"), Duration.ofSeconds(120));
    }

    @Test
    void upsert_emptyMapOrTinyTtl_rejectedAtCallTimeAndRecordKept() {
        raw.hset(key("u1"), Map.of("a", "1"));

        assertThatThrownBy(() -> user("u1").upsert(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delete()");
        assertThatThrownBy(() -> user("u1").upsert(Map.of("a", 2), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user("u1").upsert(Map.of("a", 2), Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user("u1").upsert(Map.of("", 2))).isInstanceOf(IllegalArgumentException.class);

        assertThat(raw.hgetall(key("u1"))).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void upsert_isAtomicWithItsTtl_ttlPresentAtOnceAndUntouchedWhenTheWriteFails() {
        user("u1").upsert(Map.of("a", 1)).as(StepVerifier::create).expectNext(true).verifyComplete();
        assertTtl(key("u1"), DAY);

        raw.set(key("u2"), "a string");
        user("u2").upsert(Map.of("a", 1)).as(StepVerifier::create)
                .verifyErrorSatisfies(commandFailure("HSET+PEXPIRE", key("u2")));
        assertThat(raw.ttl(key("u2"))).as("a MULTI would have set the TTL anyway").isEqualTo(-1L);
        assertThat(raw.get(key("u2"))).isEqualTo("a string");
    }

    @Test
    void upsert_64ConcurrentWriters_keepEveryDisjointFieldAndOneOfTheOverlapping() {
        RedisUser user = user("busy");

        Flux.range(0, 64)
                .flatMap(i -> user.upsert(Map.of("f" + i, i, "shared", i)), 64)
                .as(StepVerifier::create).expectNextCount(64).verifyComplete();

        Map<String, String> stored = raw.hgetall(user.key());
        assertThat(stored).hasSize(65);
        IntStream.range(0, 64).forEach(i -> assertThat(stored).containsEntry("f" + i, String.valueOf(i)));
        assertThat(Integer.parseInt(stored.get("shared"))).isBetween(0, 63);
        assertTtl(user.key(), DAY);
    }

    // ------------------------------------------------------------------ updateField

    @Test
    void updateField_writesOneFieldAndResetsTheTtl() {
        raw.hset(key("u1"), Map.of("kept", "x"));
        raw.expire(key("u1"), 30);

        user("u1").updateField("prefs", Map.of("lang", "es", "dark", false)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();

        assertThat(raw.hget(key("u1"), "prefs")).isIn("{\"lang\": \"es\", \"dark\": false}",
                "{\"dark\": false, \"lang\": \"es\"}");
        assertThat(raw.hget(key("u1"), "kept")).isEqualTo("x");
        assertTtl(key("u1"), DAY);
    }

    @Test
    void updateField_withTtl_createsTheUserWithThatTtl() {
        user("u1").updateField("age", 30, Duration.ofSeconds(60)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        assertThat(raw.hgetall(key("u1"))).isEqualTo(Map.of("age", "30"));
        assertTtl(key("u1"), Duration.ofSeconds(60));
    }

    @Test
    void updateField_nullValue_storesTheOriginalNull() {
        user("u1").updateField("gone", null).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hget(key("u1"), "gone")).isEqualTo("null");
        user("u1").getField("gone").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void updateField_64ConcurrentWritersOnDisjointFields_keepEveryField() {
        RedisUser user = user("busy");

        Flux.range(0, 64).flatMap(i -> user.updateField("f" + i, i), 64)
                .as(StepVerifier::create).expectNextCount(64).verifyComplete();

        assertThat(raw.hgetall(user.key())).isEqualTo(IntStream.range(0, 64).boxed()
                .collect(Collectors.toMap(i -> "f" + i, String::valueOf)));
    }

    // ------------------------------------------------------------------ incrementField

    @Test
    void incrementField_countsFromZeroAndRenewsTheTtl() {
        user("u1").incrementField("visits").as(StepVerifier::create).expectNext(1L).verifyComplete();
        user("u1").incrementField("visits", 41).as(StepVerifier::create).expectNext(42L).verifyComplete();
        user("u1").incrementField("visits", -2, Duration.ofSeconds(90)).as(StepVerifier::create).expectNext(40L)
                .verifyComplete();

        assertThat(raw.hget(key("u1"), "visits")).isEqualTo("40");
        assertTtl(key("u1"), Duration.ofSeconds(90));
    }

    @Test
    void incrementField_nonIntegerField_failsNamingTheKeyAndLeavesTheTtl() {
        raw.hset(key("u1"), Map.of("name", "Alice"));
        raw.expire(key("u1"), 30);

        user("u1").incrementField("name", 1, Duration.ofSeconds(600)).as(StepVerifier::create)
                .verifyErrorSatisfies(commandFailure("HINCRBY+PEXPIRE", key("u1")).andThen(
                        error -> assertThat(error.getCause()).hasMessageContaining("not an integer")));

        assertThat(raw.hget(key("u1"), "name")).isEqualTo("Alice");
        assertThat(raw.ttl(key("u1"))).as("the original's MULTI renewed it anyway").isBetween(25L, 30L);
    }

    @Test
    void incrementField_64ConcurrentCalls_loseNothing() {
        RedisUser user = user("busy");

        Flux.range(0, 64).flatMap(i -> user.incrementField("n"), 64)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(values -> assertThat(values).containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 64).mapToObj(Long::valueOf).toList()))
                .verifyComplete();

        assertThat(raw.hget(user.key(), "n")).isEqualTo("64");
        assertTtl(user.key(), DAY);
    }

    // ------------------------------------------------------------------ appendToList

    @Test
    void appendToList_appendsToThePythonListAndRenewsTheTtl() {
        raw.hset(key("u1"), Map.of("tags", "[\"x\", \"y\"]"));
        raw.expire(key("u1"), 30);

        user("u1").appendToList("tags", "z").as(StepVerifier::create).expectNext(true).verifyComplete();
        user("u1").appendToList("tags", Map.of("k", 1), Duration.ofSeconds(300)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();

        assertThat(raw.hget(key("u1"), "tags")).isEqualTo("[\"x\", \"y\", \"z\", {\"k\": 1}]");
        assertTtl(key("u1"), Duration.ofSeconds(300));
    }

    @Test
    void appendToList_missingOrNonListField_startsANewList() {
        raw.hset(key("u1"), Map.of("scalar", "42"));

        user("u1").appendToList("fresh", true).as(StepVerifier::create).expectNext(true).verifyComplete();
        user("u1").appendToList("scalar", "a").as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw.hget(key("u1"), "fresh")).isEqualTo("[true]");
        assertThat(raw.hget(key("u1"), "scalar")).isEqualTo("[\"a\"]");
        assertTtl(key("u1"), DAY);
    }

    @Test
    void appendToList_textThatOnlyLooksLikeAList_isReplacedAsPythonWould() {
        // Python's loads() keeps these as plain strings (not JSON), so the original starts a new list.
        raw.hset(key("u1"), Map.of("a", "[not json]", "b", "[1], [2]", "c", "[]", "d", "[1,2]"));

        Flux.just("a", "b", "c", "d").concatMap(field -> user("u1").appendToList(field, 3))
                .as(StepVerifier::create).expectNext(true, true, true, true).verifyComplete();

        assertThat(raw.hgetall(key("u1"))).isEqualTo(Map.of("a", "[3]", "b", "[3]", "c", "[3]", "d", "[1,2, 3]"));
    }

    @Test
    void appendToList_64ConcurrentAppends_keepAll64() {
        RedisUser user = user("busy");

        Flux.range(0, 64).flatMap(i -> user.appendToList("items", i), 64)
                .as(StepVerifier::create).expectNextCount(64).verifyComplete();

        String stored = raw.hget(user.key(), "items");
        assertThat(stored).matches("\\[\\d+(, \\d+){63}\\]");
        user.getField("items", List.class).as(StepVerifier::create)
                .assertNext(items -> assertThat(items).containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 64).boxed().toList()))
                .verifyComplete();
        assertTtl(user.key(), DAY);
    }

    @Test
    void appendToList_onWrongType_signalsRedisCommandExceptionNamingKey() {
        raw.set(key("u1"), "a string");

        user("u1").appendToList("items", 1).as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(RedisCommandException.class,
                        failure -> assertThat(failure.key()).isEqualTo(key("u1"))));
        assertThat(raw.ttl(key("u1"))).isEqualTo(-1L);
    }

    // ------------------------------------------------------------------ findByField

    @Test
    void findByField_emitsTheMatchingUserOfThisTenant() {
        user("u1").upsert(Map.of("email", "a@x.io", "n", 1)).block();
        user("u2").upsert(Map.of("email", "b@x.io", "n", 2)).block();
        fixture.repos.user(tenant + "-other", "u3").upsert(Map.of("email", "c@x.io")).block();

        user("anyone").findByField("email", "b@x.io").as(StepVerifier::create)
                .expectNext(Map.of("email", "b@x.io", "n", 2)).verifyComplete();
        user("anyone").findByField("email", "c@x.io").as(StepVerifier::create).verifyComplete();
        user("anyone").findByField("email", "nobody").as(StepVerifier::create).verifyComplete();
        user("anyone").findByField("missing-field", "a@x.io").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void findByField_comparesDecodedValues_soJsonSpacingAndKeyOrderDoNotMatter() {
        raw.hset(key("u1"), Map.of("prefs", "{\"b\":2,\"a\":[1,2]}", "id", "u1"));
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("a", List.of(1, 2));
        wanted.put("b", 2);

        user("u1").findByField("prefs", wanted).as(StepVerifier::create)
                .assertNext(found -> assertThat(found).containsEntry("id", "u1"))
                .verifyComplete();
    }

    @Test
    void findByField_withFieldTypes_readsTheMatchTyped() {
        raw.hset(key("u1"), Map.of("zip", "01234", "code", "7"));

        user("u1").findByField("code", 7, FieldTypes.of("zip", String.class)).as(StepVerifier::create)
                .expectNext(Map.of("zip", "01234", "code", 7)).verifyComplete();
    }

    @Test
    void findByField_amongManyUsers_ignoresKeysThatAreNotUserKeysOfThisTenant() {
        Flux.range(0, 50).flatMap(i -> user("u" + i).upsert(Map.of("rank", i)), 16).blockLast();
        // Inside the tenant's glob but not a user key this factory builds (for example the original's tenant
        // "<tenant>:user:evil"): SCAN MATCH returns it, the parser must drop it.
        raw.hset(tenant + ":user:evil:u9", Map.of("rank", "99"));

        Map<String, Integer> rankByKey = new HashMap<>();
        for (int i = 2; i < 50; i++) { // a stored 0 or 1 reads back as a boolean (the original's rule)
            rankByKey.put(key("u" + i), i);
        }

        for (int rank : fixture.onePerPrimary(rankByKey)) {
            user("any").findByField("rank", rank).as(StepVerifier::create)
                    .expectNext(Map.of("rank", rank)).verifyComplete();
        }
        user("any").findByField("rank", 99).as(StepVerifier::create).verifyComplete();
    }

    // ------------------------------------------------------------------ delete, deleteField, exists, getField

    @Test
    void delete_removesTheRecordOnly() {
        raw.hset(key("u1"), Map.of("a", "1"));
        raw.hset(key("u2"), Map.of("a", "1"));

        user("u1").delete().as(StepVerifier::create).expectNext(1L).verifyComplete();
        user("u1").delete().as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw.exists(key("u1"))).isZero();
        assertThat(raw.exists(key("u2"))).isOne();
    }

    @Test
    void deleteField_removesOneFieldAndKeepsTheTtl() {
        raw.hset(key("u1"), Map.of("a", "1", "b", "2"));
        raw.expire(key("u1"), 30);

        user("u1").deleteField("a").as(StepVerifier::create).expectNext(1L).verifyComplete();
        user("u1").deleteField("a").as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw.hgetall(key("u1"))).isEqualTo(Map.of("b", "2"));
        assertThat(raw.ttl(key("u1"))).isBetween(25L, 30L);
    }

    @Test
    void exists_tellsWhetherTheRecordExists() {
        raw.hset(key("u1"), Map.of("a", "1"));

        user("u1").exists().as(StepVerifier::create).expectNext(true).verifyComplete();
        user("u2").exists().as(StepVerifier::create).expectNext(false).verifyComplete();
    }

    @Test
    void getField_untyped_appliesTheOriginalRulesAndIsEmptyWhenMissing() {
        raw.hset(key("u1"), Map.of("score", "100", "flag", "1", "tags", "[\"x\", \"y\"]", "gone", "null"));

        user("u1").getField("score").as(StepVerifier::create).expectNext(100).verifyComplete();
        user("u1").getField("flag").as(StepVerifier::create).expectNext(true).verifyComplete();
        user("u1").getField("tags").as(StepVerifier::create).expectNext(List.of("x", "y")).verifyComplete();
        user("u1").getField("gone").as(StepVerifier::create).verifyComplete();
        user("u1").getField("missing").as(StepVerifier::create).verifyComplete();
        user("nobody").getField("score").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void getField_typed_readsWithoutGuessing() {
        raw.hset(key("u1"), Map.of("flag", "1", "score", "100", "profile",
                "{\"name\": \"Bo\", \"active\": \"0\", \"score\": 1, \"tags\": []}"));

        user("u1").getField("flag", String.class).as(StepVerifier::create).expectNext("1").verifyComplete();
        user("u1").getField("score", Long.class).as(StepVerifier::create).expectNext(100L).verifyComplete();
        user("u1").getField("profile", Profile.class).as(StepVerifier::create)
                .expectNext(new Profile("Bo", false, 1, List.of())).verifyComplete();
        user("u1").getField("missing", Long.class).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void getField_typedUndecodable_signalsCodecExceptionNamingKeyAndField() {
        raw.hset(key("u1"), Map.of("score", "abc"));

        user("u1").getField("score", Integer.class).as(StepVerifier::create)
                .verifyErrorSatisfies(codecFailure(key("u1"), "score"));
    }

    // ------------------------------------------------------------------ hostile ids, pools, TTL copies

    @Test
    void hostileUserIds_getTheirOwnEscapedKeys() {
        List<String> ids = List.of("*", ":", "?", "[", "\\", "{", "}", "ü", "%2A", "a:b*", "😀");
        Flux.fromIterable(ids).concatMap(id -> user(id).upsert(Map.of("id", id))).blockLast();

        assertThat(user("*").key()).isEqualTo(key("%2A"));
        assertThat(user(":").key()).isEqualTo(key("%3A"));
        assertThat(user("%2A").key()).isEqualTo(key("%252A"));
        assertThat(user("a:b*").key()).isEqualTo(key("a%3Ab%2A"));
        assertThat(user("ü").key()).isEqualTo(key("ü"));
        for (String id : ids) {
            user(id).getField("id", String.class).as(StepVerifier::create).expectNext(id).verifyComplete();
            user("x").findByField("id", id).as(StepVerifier::create).expectNext(Map.of("id", id)).verifyComplete();
        }

        user("*").delete().as(StepVerifier::create).expectNext(1L).verifyComplete();
        assertThat(raw.keys(tenant + ":*")).hasSize(ids.size() - 1)
                .doesNotContain(key("%2A"));
    }

    @Test
    void onPool_sendsCommandsToThatPoolsDatabase() {
        backend.assumeStandalone("pools are told apart by their numbered DBs; on a Cluster every alias uses DB 0");
        RedisUser onDefault = user("u1").onPool(PoolAliases.DEFAULT);

        onDefault.upsert(Map.of("a", 1)).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(onDefault.pool()).isEqualTo("default");
        assertThat(fixture.raw(PoolAliases.DEFAULT).hgetall(key("u1"))).isEqualTo(Map.of("a", "1"));
        assertThat(raw.exists(key("u1"))).isZero();
        fixture.raw(PoolAliases.DEFAULT).del(key("u1"));
    }

    @Test
    void withDefaultTtl_changesTheTtlOfWritesWithoutOne() {
        RedisUser shortLived = user("u1").withDefaultTtl(Duration.ofSeconds(45));

        shortLived.updateField("a", 1).as(StepVerifier::create).expectNext(true).verifyComplete();
        assertTtl(key("u1"), Duration.ofSeconds(45));
        shortLived.incrementField("n").as(StepVerifier::create).expectNext(1L).verifyComplete();
        assertTtl(key("u1"), Duration.ofSeconds(45));

        assertThat(shortLived.defaultTtl()).isEqualTo(Duration.ofSeconds(45));
        assertThat(shortLived.key()).isEqualTo(key("u1"));
        assertThatThrownBy(() -> user("u1").withDefaultTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullAndEmptyArguments_throwAtCallTime() {
        RedisUser user = user("u1");

        assertThatThrownBy(() -> user.getField(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> user.getField("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user.getField("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> user.upsert(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> user.updateField("a", 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> user.incrementField("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user.appendToList("a", 1, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user.findByField("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> user.get((FieldTypes) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> user.get((Class<?>) null)).isInstanceOf(NullPointerException.class);
        assertThat(raw.exists(user.key())).isZero();
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
