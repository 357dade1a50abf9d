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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@link RedisStateHandler#merge}: the original's bytes, one atomic round trip, and concurrent callers. */
@OnEveryTopology
class StateHandlerMergeIntegrationTests {

    private static final Instant NOW = Instant.parse("2026-11-25T21:54:46.730729999Z");

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @Parameter
    Topology backend;

    private String tenant;
    private String key;
    private RedisStateHandler handlers;

    record Slot(String name, boolean filled) {
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(NOW);

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Tokyo");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
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
        key = tenant + ":state:chat_handler:u1";
        handlers = new RedisStateHandler(fixture.support.withClock(Clock.fixed(NOW, ZoneOffset.UTC)), tenant, "u1");
    }

    @Test
    void merge_writesTheOriginalsFields_andEmitsTheMergedRecord() {
        raw.hset(key, "old", "x");

        handlers.merge("chat_handler", Map.of("step", 2, "done", true)).as(StepVerifier::create)
                .assertNext(merged -> assertThat(merged).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "old", "x", "step", 2, "done", true, "handler_type", "chat_handler",
                        "timestamp", "2026-11-25T21:54:46.730729")))
                .verifyComplete();

        assertThat(raw.hgetall(key)).isEqualTo(Map.of("old", "x", "step", "2", "done", "1",
                "handler_type", "chat_handler", "timestamp", "2026-11-25T21:54:46.730729"));
        assertThat(raw.ttl(key)).isBetween(86_395L, 86_400L);
    }

    @Test
    void merge_timestampIsNaiveUtc_whateverTheClocksZone_andTakenPerSubscription() {
        ManualClock clock = new ManualClock();
        RedisStateHandler tokyo = new RedisStateHandler(fixture.support.withClock(clock), tenant, "u1");
        Mono<Map<String, Object>> merge = tokyo.merge("chat_handler", Map.of("a", 1));

        merge.as(StepVerifier::create)
                .assertNext(m -> assertThat(m).containsEntry("timestamp", "2026-11-25T21:54:46.730729"))
                .verifyComplete();
        clock.now.set(Instant.parse("2026-11-26T00:00:00Z"));
        merge.as(StepVerifier::create).expectNextCount(1).verifyComplete();

        assertThat(raw.hget(key, "timestamp")).isEqualTo("2026-11-26T00:00:00");
    }

    @Test
    void merge_doesNotReencodeExistingFields() {
        raw.hset(key, Map.of("n", "1e5", "json", "{\"a\":1}", "s", "01234"));

        handlers.merge("chat_handler", Map.of("b", 2)).as(StepVerifier::create)
                .assertNext(m -> assertThat(m).containsEntry("n", 100000.0).containsEntry("json", Map.of("a", 1)))
                .verifyComplete();

        assertThat(raw.hgetall(key)).containsEntry("n", "1e5").containsEntry("json", "{\"a\":1}")
                .containsEntry("s", "01234").containsEntry("b", "2");
    }

    @Test
    void merge_withTtlAndTypes_andEmptyData_andReservedFields() {
        handlers.merge("chat_handler", Map.of("slot", new Slot("date", false)), Duration.ofSeconds(40),
                        FieldTypes.of("slot", Slot.class))
                .as(StepVerifier::create)
                .assertNext(m -> assertThat(m).containsEntry("slot", new Slot("date", false)))
                .verifyComplete();
        assertThat(raw.ttl(key)).isBetween(35L, 40L);
        assertThat(raw.hget(key, "slot")).isEqualTo("{\"name\": \"date\", \"filled\": \"0\"}");

        handlers.merge("chat_handler", Map.of(), Duration.ofSeconds(300)).as(StepVerifier::create)
                .assertNext(m -> assertThat(m).containsOnlyKeys("slot", "handler_type", "timestamp"))
                .verifyComplete();
        assertThat(raw.ttl(key)).isBetween(295L, 300L);

        handlers.merge("chat_handler", Map.of("handler_type", "spoofed"), FieldTypes.none())
                .as(StepVerifier::create)
                .assertNext(m -> assertThat(m).containsEntry("handler_type", "chat_handler"))
                .verifyComplete();
        assertThat(raw.hget(key, "handler_type")).isEqualTo("chat_handler");
    }

    @Test
    void merge_errors() {
        assertThatThrownBy(() -> handlers.merge("chat_handler", Map.of("a", 1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handlers.merge("chat_handler", Map.of("", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handlers.merge("chat_handler", Map.of("bad",
                new RedisSharedStateIntegrationTests.Unwritable())))
                .isInstanceOf(CodecException.class).hasMessageContaining(key).hasMessageContaining("bad");
        assertThat(raw.exists(key)).isZero();

        handlers.merge("chat_handler", Map.of("slot", "not a slot"), FieldTypes.of("slot", Slot.class))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CodecException.class);
                    assertThat(((CodecException) e).key()).isEqualTo(key);
                    assertThat(((CodecException) e).field()).isEqualTo("slot");
                });
        assertThat(raw.hget(key, "slot")).as("the write happened before the typed read").isEqualTo("not a slot");

        raw.del(key);
        raw.set(key, "text");
        handlers.merge("chat_handler", Map.of("a", 1)).as(StepVerifier::create).verifyErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(RedisCommandException.class).hasMessageContaining("WRONGTYPE");
            assertThat(((RedisCommandException) e).key()).isEqualTo(key);
        });
        assertThat(raw.get(key)).isEqualTo("text");
        raw.del(key);
    }

    @Test
    void merge_doesNotResurrectAFieldDeletedBetweenMerges() {
        handlers.merge("chat_handler", Map.of("a", 1)).as(StepVerifier::create).expectNextCount(1).verifyComplete();
        assertThat(raw.hdel(key, "a")).isEqualTo(1L);

        handlers.merge("chat_handler", Map.of("b", 2)).as(StepVerifier::create)
                .assertNext(m -> assertThat(m).doesNotContainKey("a").containsEntry("b", 2))
                .verifyComplete();

        assertThat(raw.hkeys(key)).containsExactlyInAnyOrder("b", "handler_type", "timestamp");
    }

    @Test
    void merge_concurrentWriters_onDisjointFields_loseNothing() {
        List<Map<String, Object>> emitted = Flux.range(0, 64)
                .flatMap(i -> handlers.merge("chat_handler", Map.of("f" + i, i)), 64)
                .collectList().block(Duration.ofSeconds(10));

        Map<String, String> stored = raw.hgetall(key);
        assertThat(stored).hasSize(66);
        for (int i = 0; i < 64; i++) {
            assertThat(stored).containsEntry("f" + i, String.valueOf(i));
        }
        assertThat(emitted).hasSize(64);
        // each caller sees at least its own field, and the records only grow: some caller saw all 64
        assertThat(emitted).anySatisfy(m -> assertThat(m).hasSize(66));
        for (Map<String, Object> m : emitted) {
            assertThat(m).containsEntry("handler_type", "chat_handler");
        }
    }

    @Test
    void merge_concurrentWriters_onOverlappingFields_keepOneWrittenValue_andEveryOwnField() {
        List<Integer> seenOwn = Flux.range(0, 64)
                .flatMap(i -> handlers.merge("chat_handler", Map.of("shared", i, "own" + i, "v" + i))
                        .filter(m -> ("v" + i).equals(m.get("own" + i)))
                        .map(m -> i), 64)
                .collectList().block(Duration.ofSeconds(10));

        assertThat(seenOwn).hasSize(64);
        Map<String, String> stored = raw.hgetall(key);
        assertThat(Integer.parseInt(stored.get("shared"))).isBetween(0, 63);
        for (int i = 0; i < 64; i++) {
            assertThat(stored).containsEntry("own" + i, "v" + i);
        }
        assertThat(stored).hasSize(64 + 3);
    }

    @Test
    void merge_concurrentWithDeletes_neverResurrectsADeletedField() {
        handlers.merge("chat_handler", Map.of("doomed", 1)).block(Duration.ofSeconds(5));

        Flux.range(0, 64)
                .flatMap(i -> i == 10
                        ? handlers.merge("chat_handler", Map.of("x" + i, i))
                                .then(fixture.support.ops().onPool(PoolAliases.HANDLERS).hdel(key, List.of("doomed")))
                        : handlers.merge("chat_handler", Map.of("x" + i, i)), 64)
                .blockLast(Duration.ofSeconds(10));
        handlers.merge("chat_handler", Map.of("last", true)).block(Duration.ofSeconds(5));

        assertThat(raw.hexists(key, "doomed")).isFalse();
        assertThat(raw.hlen(key)).isEqualTo(64 + 1 + 2);
    }
}
