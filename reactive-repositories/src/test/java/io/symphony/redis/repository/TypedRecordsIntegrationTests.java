package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.CodecException;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Whole records through every hash repository (user, shared state, handler state, table): one field per component
 * in the original's bytes, read back typed by component, against a real server on every topology.
 */
@OnEveryTopology
class TypedRecordsIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DAY = Duration.ofSeconds(86_400);

    private static RepositoryFixture fixture;

    @Parameter
    Topology backend;

    private final String tenant = TestRedis.uniqueTenant("rec");

    /** The shopping cart whose quantity of 1 read back untyped as {@code true}. */
    record Cart(String sku, int quantity, boolean gift, double price, @Nullable String note, List<String> tags,
            Map<String, Boolean> options, Line line) {
    }

    record Line(String sku, int qty, boolean gift) {
    }

    /** The original's pydantic model {@code Profile(name, active, score, tags, flags)}. */
    record Profile(String name, boolean active, int score, List<String> tags, List<Boolean> flags) {
    }

    /** A user record as the Python original writes it (fields from spec section 4). */
    record Account(String name, boolean active, int score, List<String> tags, Profile profile, LocalDateTime created,
            double big, @Nullable String nothing, String city, @JsonProperty("ratio") double ratioValue) {
    }

    /** The handler state with the two fields the original's merge adds. */
    record Chat(int step, @Nullable String topic, @JsonProperty("handler_type") @Nullable String handlerType,
            @Nullable LocalDateTime timestamp) {
    }

    /** A partial update: null components are left out, so the stored fields stay. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatPatch(@Nullable Integer step, @Nullable String topic) {
    }

    @BeforeParameterizedClassInvocation
    static void open(Topology backend) {
        fixture = RepositoryFixture.open(backend);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        fixture.close();
    }

    private static Cart cart() {
        return new Cart("A-1", 1, true, 30.0, "1", List.of("x", "y"), Map.of("wrap", true),
                new Line("L-1", 0, false));
    }

    private static Map<String, Object> cartAsMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sku", "A-1");
        map.put("quantity", 1);
        map.put("gift", true);
        map.put("price", 30.0);
        map.put("note", "1");
        map.put("tags", List.of("x", "y"));
        map.put("options", Map.of("wrap", true));
        map.put("line", new Line("L-1", 0, false));
        return map;
    }

    /** What the original stores for {@code cart()}: {@code dumps_hash(cart.model_dump())}. */
    private static Map<String, String> cartBytes() {
        return Map.of("sku", "A-1", "quantity", "1", "gift", "1", "price", "30.0", "note", "1", "tags",
                "[\"x\", \"y\"]", "options", "{\"wrap\": true}", "line",
                "{\"sku\": \"L-1\", \"qty\": 0, \"gift\": \"0\"}");
    }

    private static RedisClusterCommands<String, String> raw(String alias) {
        return fixture.raw(alias);
    }

    private static KeyFactory keys() {
        return fixture.runtime.keys();
    }

    private static void assertTtl(RedisClusterCommands<String, String> raw, String key, Duration expected) {
        assertThat(raw.pttl(key)).as("PTTL of %s", key).isBetween(expected.toMillis() - 5_000, expected.toMillis());
    }

    private static Consumer<Throwable> codecFailure(String key, String field) {
        return error -> assertThat(error).isInstanceOfSatisfying(CodecException.class, failure -> {
            assertThat(failure.key()).isEqualTo(key);
            assertThat(failure.field()).isEqualTo(field);
            assertThat(failure).hasMessageContaining(key).hasMessageContaining("'" + field + "'");
        });
    }

    private static <T> void expect(Mono<T> mono, T value) {
        mono.as(StepVerifier::create).expectNext(value).expectComplete().verify(TIMEOUT);
    }

    // ------------------------------------------------------------------ user

    /** The README's first repository example, as printed there. */
    record ReadmeCart(String sku, int quantity, boolean gift, List<String> tags) {
    }

    @Test
    void readmeExample_upsertAppendGet() {
        RedisUser alice = fixture.repos.user(tenant, "u1");

        alice.upsert(new ReadmeCart("A-1", 1, true, List.of("x")))
                .then(alice.appendToList("tags", "premium"))
                .then(alice.get(ReadmeCart.class))
                .map(Object::toString)
                .as(StepVerifier::create)
                .expectNext("ReadmeCart[sku=A-1, quantity=1, gift=true, tags=[x, premium]]")
                .expectComplete().verify(TIMEOUT);
        assertThat(raw(PoolAliases.USER).hgetall(alice.key())).isEqualTo(Map.of("sku", "A-1", "quantity", "1",
                "gift", "1", "tags", "[\"x\", \"premium\"]"));
    }

    @Test
    void user_upsertRecord_thenGet_roundTripsAndSetsTheTtl() {
        RedisUser user = fixture.repos.user(tenant, "u1");

        expect(user.upsert(cart()), true);

        expect(user.get(Cart.class), cart());
        assertThat(raw(PoolAliases.USER).hgetall(user.key())).isEqualTo(cartBytes());
        assertTtl(raw(PoolAliases.USER), user.key(), DAY);
    }

    @Test
    void user_upsertRecord_writesTheSameHashAsUpsertMap() {
        RedisUser byRecord = fixture.repos.user(tenant, "record");
        RedisUser byMap = fixture.repos.user(tenant, "map");

        expect(byRecord.upsert(cart()), true);
        expect(byMap.upsert(cartAsMap()), true);

        RedisClusterCommands<String, String> raw = raw(PoolAliases.USER);
        assertThat(raw.hgetall(byRecord.key())).isEqualTo(raw.hgetall(byMap.key())).isEqualTo(cartBytes());
    }

    @Test
    void user_quantityOne_readsAsTrueUntyped_butAsOneThroughTheRecord() {
        RedisUser user = fixture.repos.user(tenant, "u1");
        expect(user.upsert(Map.of("sku", "A-1", "quantity", 1, "note", "1")), true);

        user.get().as(StepVerifier::create)
                .assertNext(map -> assertThat(map).containsEntry("quantity", true).containsEntry("note", true))
                .expectComplete().verify(TIMEOUT);
        user.get(Cart.class).as(StepVerifier::create)
                .verifyErrorSatisfies(codecFailure(user.key(), "gift"));

        expect(user.upsert(cart()), true);
        user.get(Cart.class).as(StepVerifier::create).assertNext(cart -> {
            assertThat(cart.quantity()).isEqualTo(1);
            assertThat(cart.note()).isEqualTo("1");
        }).expectComplete().verify(TIMEOUT);
    }

    @Test
    void user_getRecord_readsAHashWrittenByThePythonOriginal() {
        RedisUser user = fixture.repos.user(tenant, "py");
        Map<String, String> python = new LinkedHashMap<>();
        python.put("name", "Alice");
        python.put("active", "1");
        python.put("score", "100");
        python.put("tags", "[\"x\", \"y\"]");
        python.put("profile", "{\"name\": \"Alice\", \"active\": \"1\", \"score\": 100, \"tags\": [\"x\", \"y\"], "
                + "\"flags\": [\"1\", \"0\"]}");
        python.put("created", "2024-01-02T03:04:05.730729");
        python.put("big", "1e+20");
        python.put("nothing", "null");
        python.put("city", "Bogotá");
        python.put("ratio", "nan");
        python.put("agent_threads", "{\"main\": \"thread_1\"}");
        raw(PoolAliases.USER).hset(user.key(), python);

        Account expected = new Account("Alice", true, 100, List.of("x", "y"),
                new Profile("Alice", true, 100, List.of("x", "y"), List.of(true, false)),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 730_729_000), 1e20, null, "Bogotá", Double.NaN);
        expect(user.get(Account.class), expected);

        String other = fixture.repos.user(tenant, "java").key();
        expect(fixture.repos.user(tenant, "java").upsert(expected), true);
        Map<String, String> written = raw(PoolAliases.USER).hgetall(other);
        python.remove("agent_threads");
        assertThat(written).as("what we write for the same record is what the original wrote").isEqualTo(python);
    }

    @Test
    void user_getRecord_badValue_signalsCodecExceptionNamingKeyAndField() {
        RedisUser user = fixture.repos.user(tenant, "bad");
        Map<String, String> stored = new LinkedHashMap<>(cartBytes());
        stored.put("quantity", "two");
        raw(PoolAliases.USER).hset(user.key(), stored);

        user.get(Cart.class).as(StepVerifier::create).expectErrorSatisfies(codecFailure(user.key(), "quantity"))
                .verify(TIMEOUT);
    }

    @Test
    void user_getRecord_missingUser_isEmpty() {
        fixture.repos.user(tenant, "none").get(Cart.class).as(StepVerifier::create).expectComplete().verify(TIMEOUT);
    }

    @Test
    void user_nullComponent_isStoredAsNull_andReadBackAsNull() {
        RedisUser user = fixture.repos.user(tenant, "nulls");
        Cart withoutNote = new Cart("A-1", 2, false, 0.5, null, List.of(), Map.of(), new Line("L", 1, true));

        expect(user.upsert(withoutNote), true);

        assertThat(raw(PoolAliases.USER).hget(user.key(), "note")).isEqualTo("null");
        expect(user.get(Cart.class), withoutNote);
    }

    @Test
    void user_findByField_typed() {
        expect(fixture.repos.user(tenant, "a").upsert(cart()), true);

        expect(fixture.repos.user(tenant, "b").findByField("sku", "A-1", Cart.class), cart());
        fixture.repos.user(tenant, "b").findByField("sku", "nope", Cart.class).as(StepVerifier::create)
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void badArguments_throwAtCallTime_andNothingReachesRedis() {
        RedisUser user = fixture.repos.user(tenant, "args");

        assertThatIllegalArgumentException().isThrownBy(() -> user.upsert("not a record"))
                .withMessageContaining("java.lang.String");
        assertThatIllegalArgumentException().isThrownBy(() -> user.get(String.class));
        assertThatIllegalArgumentException().isThrownBy(() -> user.upsert(new ChatPatch(null, null)))
                .withMessageContaining("empty record");
        assertThatIllegalArgumentException().isThrownBy(() -> user.upsert(cart(), Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> user.upsert(Map.of(1, "x")))
                .withMessageContaining("strings");

        user.upsert(cart());
        user.get(Cart.class);
        assertThat(raw(PoolAliases.USER).exists(user.key())).isZero();
    }

    // ------------------------------------------------------------------ shared state

    @Test
    void sharedState_upsertRecord_thenGet_perStateName() {
        RedisSharedState states = fixture.repos.sharedState(tenant, "u1");
        String key = keys().sharedStateKey(tenant, "cart", "u1");

        expect(states.upsert("cart", cart(), Duration.ofSeconds(120)), true);

        expect(states.get("cart", Cart.class), cart());
        states.get("other", Cart.class).as(StepVerifier::create).expectComplete().verify(TIMEOUT);
        assertThat(raw(PoolAliases.SHARED_STATE).hgetall(key)).isEqualTo(cartBytes());
        assertTtl(raw(PoolAliases.SHARED_STATE), key, Duration.ofSeconds(120));
    }

    @Test
    void sharedState_recordAndMap_writeTheSameHash_andABadValueNamesKeyAndField() {
        RedisSharedState states = fixture.repos.sharedState(tenant, "u1");
        expect(states.upsert("byRecord", cart()), true);
        expect(states.upsert("byMap", cartAsMap()), true);
        RedisClusterCommands<String, String> raw = raw(PoolAliases.SHARED_STATE);
        String byRecord = keys().sharedStateKey(tenant, "byRecord", "u1");

        assertThat(raw.hgetall(byRecord)).isEqualTo(raw.hgetall(keys().sharedStateKey(tenant, "byMap", "u1")));

        raw.hset(byRecord, "options", "[1, 2]");
        states.get("byRecord", Cart.class).as(StepVerifier::create)
                .expectErrorSatisfies(codecFailure(byRecord, "options")).verify(TIMEOUT);
    }

    // ------------------------------------------------------------------ handler state

    @Test
    void handlerState_upsertRecord_thenGet() {
        RedisStateHandler handlers = fixture.repos.stateHandler(tenant, "u1");
        String key = keys().handlerStateKey(tenant, "cart", "u1");

        expect(handlers.upsert("cart", cart()), true);

        expect(handlers.get("cart", Cart.class), cart());
        assertThat(raw(PoolAliases.HANDLERS).hgetall(key)).isEqualTo(cartBytes());
        assertTtl(raw(PoolAliases.HANDLERS), key, DAY);
    }

    @Test
    void handlerState_mergePartial_emitsTheWholeTypedState_andKeepsOtherFields() {
        RedisStateHandler handlers = fixture.repos.stateHandler(tenant, "u1");
        String key = keys().handlerStateKey(tenant, "chat", "u1");
        expect(handlers.upsert("chat", Map.of("step", 1, "topic", "1")), true);

        handlers.merge("chat", new ChatPatch(2, null), Chat.class).as(StepVerifier::create).assertNext(chat -> {
            assertThat(chat.step()).isEqualTo(2);
            assertThat(chat.topic()).as("a String holding 1 stays a String; a null patch keeps it").isEqualTo("1");
            assertThat(chat.handlerType()).isEqualTo("chat");
            assertThat(chat.timestamp()).isNotNull();
        }).expectComplete().verify(TIMEOUT);

        handlers.merge("chat", Map.of("step", 1), Cart.class).as(StepVerifier::create)
                .expectErrorSatisfies(codecFailure(key, "quantity")).verify(TIMEOUT);
        handlers.merge("chat", Map.of("topic", "news"), Duration.ofSeconds(60), Chat.class)
                .as(StepVerifier::create)
                .assertNext(chat -> assertThat(chat.step()).as("the Map patch keeps step").isEqualTo(1))
                .expectComplete().verify(TIMEOUT);
        assertThat(raw(PoolAliases.HANDLERS).hget(key, "topic")).isEqualTo("news");
        assertTtl(raw(PoolAliases.HANDLERS), key, Duration.ofSeconds(60));
    }

    // ------------------------------------------------------------------ table

    @Test
    void table_upsertRecord_thenGet_andFindByField() {
        RedisTable table = fixture.repos.table(tenant);

        expect(table.upsert("carts", "c1", cart()), true);
        expect(table.upsert("carts", "c2", cartAsMap()), true);

        expect(table.get("carts", "c1", Cart.class), cart());
        RedisClusterCommands<String, String> raw = raw(PoolAliases.HANDLERS);
        assertThat(raw.hgetall(table.key("carts", "c1"))).isEqualTo(raw.hgetall(table.key("carts", "c2")))
                .isEqualTo(cartBytes());
        expect(table.findByField("carts", "quantity", 1, Cart.class), cart());
        table.get("carts", "none", Cart.class).as(StepVerifier::create).expectComplete().verify(TIMEOUT);
    }

    @Test
    void table_getRecord_missingPrimitive_namesKeyAndField() {
        RedisTable table = fixture.repos.table(tenant);
        raw(PoolAliases.HANDLERS).hset(table.key("lines", "l1"), Map.of("sku", "L", "gift", "0"));

        table.get("lines", "l1", Line.class).as(StepVerifier::create)
                .expectErrorSatisfies(codecFailure(table.key("lines", "l1"), "qty")).verify(TIMEOUT);
    }
}
