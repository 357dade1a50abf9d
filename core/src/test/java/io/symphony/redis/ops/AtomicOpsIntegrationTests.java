package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class AtomicOpsIntegrationTests extends OpsTestSupport {

    @Test
    void hsetWithExpire_writesFieldsAndTtl() {
        String key = key("h");
        raw().hset(key, "a", "old");

        ops.hsetWithExpire(key, Map.of("a", "1", "b", "2"), Duration.ofSeconds(100)).as(StepVerifier::create)
                .expectNext(1L).verifyComplete();

        assertThat(raw().hgetall(key)).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(raw().ttl(key)).isBetween(90L, 100L);
    }

    @Test
    void hsetWithExpire_tenThousandFields_chunksPastLuaUnpackLimit() {
        String key = key("big");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            fields.put("f" + i, "v" + i);
        }

        ops.hsetWithExpire(key, fields, Duration.ofSeconds(100)).as(StepVerifier::create)
                .expectNext(10_000L).verifyComplete();

        assertThat(raw().hlen(key)).isEqualTo(10_000L);
        assertThat(raw().hget(key, "f9999")).isEqualTo("v9999");
        assertThat(raw().ttl(key)).isPositive();
    }

    @Test
    void hsetWithExpire_onString_signalsErrorAndLeavesTtl() {
        String key = key("s");
        raw().set(key, "v", SetArgs.Builder.ex(1000));

        ops.hsetWithExpire(key, Map.of("a", "1"), Duration.ofSeconds(5)).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("HSET+PEXPIRE", key, "default").andThen(
                        error -> assertThat(error.getCause()).hasMessageContaining("WRONGTYPE")));

        assertThat(raw().ttl(key)).isGreaterThan(900L);
    }

    @Test
    void hincrbyWithExpire_createsAndIncrementsWithTtl() {
        String key = key("h");

        ops.hincrbyWithExpire(key, "n", 3, Duration.ofSeconds(100)).as(StepVerifier::create)
                .expectNext(3L).verifyComplete();
        ops.hincrbyWithExpire(key, "n", 4, Duration.ofSeconds(200)).as(StepVerifier::create)
                .expectNext(7L).verifyComplete();

        assertThat(raw().hget(key, "n")).isEqualTo("7");
        assertThat(raw().ttl(key)).isBetween(190L, 200L);
    }

    @Test
    void hincrbyWithExpire_concurrentCallsOfThreeTtls_eachKeyGetsItsOwn() {
        // the TTL's text of the last call is reused: calls of other TTLs racing it must never take it
        long[] ttls = {50_000, 65_000, 80_000};
        int calls = 300;

        Flux.range(0, calls)
                .flatMap(i -> ops.hincrbyWithExpire(key("n" + i), "n", i, Duration.ofMillis(ttls[i % ttls.length])), 64)
                .as(StepVerifier::create)
                .expectNextCount(calls)
                .verifyComplete();

        for (int i = 0; i < calls; i++) {
            long expected = ttls[i % ttls.length];
            assertThat(raw().hget(key("n" + i), "n")).isEqualTo(Integer.toString(i));
            assertThat(raw().pttl(key("n" + i))).as("PTTL of call %d", i).isBetween(expected - 10_000, expected);
        }
    }

    @Test
    void hincrbyWithExpire_nonInteger_signalsErrorAndDoesNotRenewTtl() {
        String key = key("h");
        raw().hset(key, "n", "abc");
        raw().expire(key, 1000);

        ops.hincrbyWithExpire(key, "n", 1, Duration.ofSeconds(5)).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("HINCRBY+PEXPIRE", key, "default").andThen(
                        error -> assertThat(error.getCause()).hasMessageContaining("not an integer")));

        assertThat(raw().ttl(key)).as("the original MULTI would have set 5 s here").isGreaterThan(900L);
        assertThat(raw().hget(key, "n")).isEqualTo("abc");
    }

    @Test
    void rpushAndSadd_pushesAndAddsAtomically() {
        String list = taggedKey("list");
        String set = taggedKey("set");
        raw().sadd(set, "a");

        ops.rpushAndSadd(list, List.of("x", "y"), set, List.of("a", "b", "c")).as(StepVerifier::create)
                .expectNext(new PushAndAddResult(2, 2)).verifyComplete();

        assertThat(raw().lrange(list, 0, -1)).containsExactly("x", "y");
        assertThat(raw().smembers(set)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void rpushAndSadd_listIsWrongType_signalsErrorAndLeavesSetUntouched() {
        String list = taggedKey("list");
        String set = taggedKey("set");
        raw().set(list, "not a list");

        ops.rpushAndSadd(list, List.of("x"), set, List.of("a")).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("RPUSH+SADD", list, "default"));

        assertThat(raw().exists(set)).isZero();
    }

    @Test
    void rpushAndSadd_withAlias_runsOnThatDb() {
        assumeNumberedDatabases();
        String list = taggedKey("list");
        String set = taggedKey("set");

        ops.onPool(SingleConnectionFixture.SECOND).rpushAndSadd(list, List.of("x"), set, List.of("a"))
                .as(StepVerifier::create).expectNext(new PushAndAddResult(1, 1)).verifyComplete();

        assertThat(rawSecond().lrange(list, 0, -1)).containsExactly("x");
        assertThat(raw().exists(list, set)).isZero();
    }
}
