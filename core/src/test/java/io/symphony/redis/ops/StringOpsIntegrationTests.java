package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class StringOpsIntegrationTests extends OpsTestSupport {

    @Test
    void set_storesValueWithoutTtl() {
        String key = key("s");
        raw().set(key, "old", SetArgs.Builder.ex(100));

        ops.set(key, "v").as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw().get(key)).isEqualTo("v");
        assertThat(raw().ttl(key)).isEqualTo(-1);
    }

    @Test
    void set_withTtl_expiresInMillis() {
        String key = key("s");

        ops.set(key, "v", Duration.ofMillis(90_500)).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw().get(key)).isEqualTo("v");
        assertThat(raw().pttl(key)).isBetween(80_000L, 90_500L);
    }

    @Test
    void set_withTtl_concurrentCallsOfFourTtls_eachKeyGetsItsOwn() {
        // the SET PX arguments of the last TTL are reused: calls of other TTLs racing it must never share them
        long[] ttls = {50_000, 60_000, 70_000, 80_000};
        int calls = 400;

        Flux.range(0, calls)
                .flatMap(i -> ops.set(key("ttl" + i), "v", Duration.ofMillis(ttls[i % ttls.length])), 64)
                .as(StepVerifier::create)
                .expectNextCount(calls)
                .verifyComplete();

        for (int i = 0; i < calls; i++) {
            long expected = ttls[i % ttls.length];
            assertThat(raw().pttl(key("ttl" + i))).as("PTTL of call %d", i).isBetween(expected - 10_000, expected);
        }
    }

    @Test
    void set_nxOnExistingKey_emitsFalseAndKeepsValue() {
        String key = key("s");
        raw().set(key, "old");

        ops.set(key, "new", SetArgs.Builder.nx()).as(StepVerifier::create).expectNext(false).verifyComplete();

        assertThat(raw().get(key)).isEqualTo("old");
    }

    @Test
    void set_nxOnMissingKey_emitsTrue() {
        String key = key("s");

        ops.set(key, "new", SetArgs.Builder.nx().ex(100)).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw().get(key)).isEqualTo("new");
        assertThat(raw().ttl(key)).isBetween(90L, 100L);
    }

    @Test
    void set_xxOnMissingKey_emitsFalseAndWritesNothing() {
        String key = key("s");

        ops.set(key, "new", SetArgs.Builder.xx()).as(StepVerifier::create).expectNext(false).verifyComplete();

        assertThat(raw().exists(key)).isZero();
    }

    @Test
    void set_keepTtl_keepsRemainingTtl() {
        String key = key("s");
        raw().set(key, "old", SetArgs.Builder.ex(100));

        ops.set(key, "new", SetArgs.Builder.keepttl()).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw().get(key)).isEqualTo("new");
        assertThat(raw().ttl(key)).isBetween(90L, 100L);
    }

    @Test
    void setex_setsTtl() {
        String key = key("s");

        ops.setex(key, Duration.ofSeconds(100), "v").as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw().get(key)).isEqualTo("v");
        assertThat(raw().ttl(key)).isBetween(90L, 100L);
    }

    @Test
    void setex_keepsMillisecondPrecision() {
        String key = key("s");

        ops.setex(key, Duration.ofMillis(99_500), "v").as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw().pttl(key)).isBetween(90_000L, 99_500L);
    }

    @Test
    void get_existingKey_emitsValue() {
        String key = key("s");
        raw().set(key, "v");

        ops.get(key).as(StepVerifier::create).expectNext("v").verifyComplete();
    }

    @Test
    void get_missingKey_completesEmpty() {
        ops.get(key("missing")).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void get_onHash_signalsWrongType() {
        String key = key("h");
        raw().hset(key, "f", "v");

        ops.get(key).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("GET", key, "default").andThen(
                        error -> assertThat(error.getCause()).hasMessageContaining("WRONGTYPE")));
    }

    @Test
    void getdel_existingKey_emitsValueAndDeletes() {
        String key = key("s");
        raw().set(key, "v");

        ops.getdel(key).as(StepVerifier::create).expectNext("v").verifyComplete();

        assertThat(raw().exists(key)).isZero();
    }

    @Test
    void getdel_missingKey_completesEmpty() {
        ops.getdel(key("missing")).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void set_withAlias_writesToThatAliasDb() {
        assumeNumberedDatabases();
        String key = key("routed");

        RedisOps second = ops.onPool(SingleConnectionFixture.SECOND);
        second.set(key, "v").as(StepVerifier::create).expectNext(true).verifyComplete();
        second.get(key).as(StepVerifier::create).expectNext("v").verifyComplete();

        assertThat(rawSecond().get(key)).isEqualTo("v");
        assertThat(raw().exists(key)).isZero();
    }

    @Test
    void set_isLazy_nothingWrittenUntilSubscribed() {
        String key = key("lazy");

        var pending = ops.set(key, "v");
        assertThat(raw().exists(key)).isZero();

        pending.as(StepVerifier::create).expectNext(true).verifyComplete();
        assertThat(raw().get(key)).isEqualTo("v");
    }
}
