package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.codec.FieldTypes;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.TestRedis;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;

/**
 * A Python service on the original and a Java service on these repositories share records: the raw values below
 * are exactly what the original's {@code serde.dumps} writes (spec section 4), written with raw {@code HSET} as
 * redis-py would, then read with our repositories; and what our repositories write is compared byte for byte with
 * what the original would have written.
 *
 * <p>Standalone only: the original keeps each pool in its own numbered DB and cannot run on a Cluster, so there is
 * no Python service to share a Cluster with (the bytes are the same there: keys and values do not change).
 */
@RedisTest
class UserTablePythonInteropIntegrationTests {

    /**
     * The original's pydantic model
     * {@code Profile(name: str, active: bool, score: int, tags: list[str], flags: list[bool])}.
     */
    record Profile(String name, boolean active, int score, List<String> tags, List<Boolean> flags) {
    }

    private static final String PYTHON_PROFILE = "{\"name\": \"Alice\", \"active\": \"1\", \"score\": 100, "
            + "\"tags\": [\"x\", \"y\"], \"flags\": [\"1\", \"0\"]}";

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> users;
    private static RedisClusterCommands<String, String> rows;

    private final String tenant = TestRedis.uniqueTenant("py");

    @BeforeAll
    static void open() {
        fixture = new RepositoryFixture();
        users = fixture.raw(PoolAliases.USER);
        rows = fixture.raw(PoolAliases.HANDLERS);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    /** {@code HSET <tenant>:user:u1 name Alice active 1 score 100 tags '["x", "y"]' ...} as the original writes. */
    private String writeLikePython() {
        String key = tenant + ":user:u1";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Alice");
        fields.put("active", "1");
        fields.put("score", "100");
        fields.put("tags", "[\"x\", \"y\"]");
        fields.put("profile", PYTHON_PROFILE);
        fields.put("created", "2024-01-02T03:04:05.730729");
        fields.put("big", "1e+20");
        fields.put("nothing", "null");
        fields.put("ratio", "nan");
        fields.put("city", "Bogotá");
        users.hset(key, fields);
        users.expire(key, 86_400);
        return key;
    }

    @Test
    void pythonWrittenUser_readsUntypedWithTheOriginalRules() {
        writeLikePython();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", "Alice");
        profile.put("active", "1");
        profile.put("score", 100);
        profile.put("tags", List.of("x", "y"));
        profile.put("flags", List.of("1", "0"));
        Map<String, Object> expected = new HashMap<>();
        expected.put("name", "Alice");
        expected.put("active", true);
        expected.put("score", 100);
        expected.put("tags", List.of("x", "y"));
        expected.put("profile", profile);
        expected.put("created", "2024-01-02T03:04:05.730729");
        expected.put("big", 1e20);
        expected.put("nothing", null);
        expected.put("ratio", "nan");
        expected.put("city", "Bogotá");

        new RedisUser(fixture.support, tenant, "u1").get().as(StepVerifier::create).expectNext(expected)
                .verifyComplete();
    }

    @Test
    void pythonWrittenUser_readsTyped() {
        writeLikePython();
        FieldTypes types = FieldTypes.builder()
                .field("name", String.class)
                .field("active", Boolean.class)
                .field("score", Integer.class)
                .field("tags", new TypeReference<List<String>>() { })
                .field("profile", Profile.class)
                .field("created", LocalDateTime.class)
                .field("ratio", Double.class)
                .build();
        RedisUser user = new RedisUser(fixture.support, tenant, "u1");

        user.get(types).as(StepVerifier::create)
                .assertNext(record -> {
                    assertThat(record.get("name")).isEqualTo("Alice");
                    assertThat(record.get("active")).isEqualTo(Boolean.TRUE);
                    assertThat(record.get("score")).isEqualTo(100);
                    assertThat(record.get("tags")).isEqualTo(List.of("x", "y"));
                    assertThat(record.get("profile"))
                            .isEqualTo(new Profile("Alice", true, 100, List.of("x", "y"), List.of(true, false)));
                    assertThat(record.get("created")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 730_729_000));
                    assertThat((Double) record.get("ratio")).isNaN();
                    assertThat(record).containsEntry("nothing", null);
                })
                .verifyComplete();
        user.getField("profile", Profile.class).as(StepVerifier::create)
                .expectNext(new Profile("Alice", true, 100, List.of("x", "y"), List.of(true, false)))
                .verifyComplete();
        user.getField("name", String.class).as(StepVerifier::create).expectNext("Alice").verifyComplete();
    }

    @Test
    void ourWrites_storeTheBytesThePythonOriginalWrites() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Alice");
        data.put("active", true);
        data.put("score", 100);
        data.put("tags", List.of("x", "y"));
        data.put("profile", new Profile("Alice", true, 100, List.of("x", "y"), List.of(true, false)));
        data.put("created", LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        data.put("micro", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 730_729_000));
        data.put("aware", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        data.put("ratio", 0.5);
        data.put("big", 1e20);
        data.put("small", 1e-7);
        data.put("nothing", null);
        data.put("city", "Bogotá");
        Map<String, Object> prefs = new LinkedHashMap<>();
        prefs.put("lang", "es");
        prefs.put("dark", true);
        prefs.put("sizes", List.of(1, 2.5));
        data.put("prefs", prefs);

        new RedisUser(fixture.support, tenant, "u1").upsert(data).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        Map<String, String> python = new LinkedHashMap<>();
        python.put("name", "Alice");
        python.put("active", "1");
        python.put("score", "100");
        python.put("tags", "[\"x\", \"y\"]");
        python.put("profile", PYTHON_PROFILE);
        python.put("created", "2024-01-02T03:04:05");
        python.put("micro", "2024-01-02T03:04:05.730729");
        python.put("aware", "2024-01-02T03:04:05+00:00");
        python.put("ratio", "0.5");
        python.put("big", "1e+20");
        python.put("small", "1e-07");
        python.put("nothing", "null");
        python.put("city", "Bogotá");
        python.put("prefs", "{\"lang\": \"es\", \"dark\": true, \"sizes\": [1, 2.5]}");
        assertThat(users.hgetall(tenant + ":user:u1")).isEqualTo(python);
        assertThat(users.ttl(tenant + ":user:u1")).isBetween(86_395L, 86_400L);
    }

    @Test
    void pythonListsAndCounters_continueWithOurAtomicOperations() {
        String key = writeLikePython();
        RedisUser user = new RedisUser(fixture.support, tenant, "u1");

        user.appendToList("tags", "z").as(StepVerifier::create).expectNext(true).verifyComplete();
        user.incrementField("score", 5).as(StepVerifier::create).expectNext(105L).verifyComplete();
        user.updateField("active", false).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(users.hget(key, "tags")).as("json.dumps(['x', 'y', 'z'])").isEqualTo("[\"x\", \"y\", \"z\"]");
        assertThat(users.hget(key, "score")).isEqualTo("105");
        assertThat(users.hget(key, "active")).isEqualTo("0");
        assertThat(users.hget(key, "profile")).as("untouched").isEqualTo(PYTHON_PROFILE);
    }

    @Test
    void pythonWrittenRows_areFoundAndReadByTheTableRepository() {
        String key = tenant + ":df:products:pkid:p1";
        rows.hset(key, Map.of("sku", "A-1", "meta", "{\"color\": \"red\", \"sizes\": [1, 2]}", "stock", "3"));
        rows.hset(tenant + ":df:products:pkid:p2", Map.of("sku", "B-2", "meta", "{}", "stock", "0"));
        RedisTable table = new RedisTable(fixture.support, tenant);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("sizes", List.of(1, 2));
        meta.put("color", "red");

        table.findByField("products", "meta", meta).as(StepVerifier::create)
                .expectNext(Map.of("sku", "A-1", "meta", Map.of("color", "red", "sizes", List.of(1, 2)), "stock", 3))
                .verifyComplete();
        table.getField("products", "p2", "stock").as(StepVerifier::create).expectNext(false).verifyComplete();
        table.getField("products", "p2", "stock", Integer.class).as(StepVerifier::create).expectNext(0)
                .verifyComplete();

        table.upsert("products", "p3", Map.of("sku", "C-3", "stock", 7)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();
        assertThat(rows.hgetall(tenant + ":df:products:pkid:p3")).isEqualTo(Map.of("sku", "C-3", "stock", "7"));
    }
}
