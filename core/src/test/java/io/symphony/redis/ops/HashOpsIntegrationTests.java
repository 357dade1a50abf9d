package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class HashOpsIntegrationTests extends OpsTestSupport {

    @Test
    void hset_field_emitsWhetherNew() {
        String key = key("h");

        ops.hset(key, "f", "1").as(StepVerifier::create).expectNext(true).verifyComplete();
        ops.hset(key, "f", "2").as(StepVerifier::create).expectNext(false).verifyComplete();

        assertThat(raw().hget(key, "f")).isEqualTo("2");
    }

    @Test
    void hset_map_emitsNewFieldCount() {
        String key = key("h");
        raw().hset(key, "a", "old");

        ops.hset(key, Map.of("a", "1", "b", "2", "c", "3")).as(StepVerifier::create).expectNext(2L).verifyComplete();

        assertThat(raw().hgetall(key)).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
    }

    @Test
    void hsetnx_setsOnlyMissingField() {
        String key = key("h");
        raw().hset(key, "a", "old");

        ops.hsetnx(key, "a", "new").as(StepVerifier::create).expectNext(false).verifyComplete();
        ops.hsetnx(key, "b", "new").as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw().hgetall(key)).isEqualTo(Map.of("a", "old", "b", "new"));
    }

    @Test
    void hget_emitsValueOrCompletesEmpty() {
        String key = key("h");
        raw().hset(key, "f", "v");

        ops.hget(key, "f").as(StepVerifier::create).expectNext("v").verifyComplete();
        ops.hget(key, "missing").as(StepVerifier::create).verifyComplete();
        ops.hget(key("missing"), "f").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void hget_onString_signalsWrongTypeNamingCommandKeyAndAlias() {
        String key = key("s");
        raw().set(key, "v");

        ops.hget(key, "f").as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("HGET", key, "default").andThen(
                        error -> assertThat(error.getCause()).hasMessageContaining("WRONGTYPE")));
    }

    @Test
    void hgetall_emitsEveryField() {
        String key = key("h");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("a", "1");
        fields.put("b", "2");
        raw().hset(key, fields);

        ops.hgetall(key).as(StepVerifier::create).expectNext(fields).verifyComplete();
    }

    @Test
    void hgetall_missingKey_completesEmptyNotEmptyMap() {
        ops.hgetall(key("missing")).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void hexists_reportsField() {
        String key = key("h");
        raw().hset(key, "f", "v");

        ops.hexists(key, "f").as(StepVerifier::create).expectNext(true).verifyComplete();
        ops.hexists(key, "g").as(StepVerifier::create).expectNext(false).verifyComplete();
        ops.hexists(key("missing"), "f").as(StepVerifier::create).expectNext(false).verifyComplete();
    }

    @Test
    void hdel_removesFieldsAndCountsThem() {
        String key = key("h");
        raw().hset(key, Map.of("a", "1", "b", "2", "c", "3"));

        ops.hdel(key, "a", "b", "zz").as(StepVerifier::create).expectNext(2L).verifyComplete();
        ops.hdel(key("missing"), List.of("a")).as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw().hgetall(key)).isEqualTo(Map.of("c", "3"));
    }

    @Test
    void hincrby_startsFromZeroAndAdds() {
        String key = key("h");

        ops.hincrby(key, "n", 5).as(StepVerifier::create).expectNext(5L).verifyComplete();
        ops.hincrby(key, "n", -2).as(StepVerifier::create).expectNext(3L).verifyComplete();

        assertThat(raw().hget(key, "n")).isEqualTo("3");
    }

    @Test
    void hincrby_nonInteger_signalsCommandError() {
        String key = key("h");
        raw().hset(key, "n", "abc");

        ops.hincrby(key, "n", 1).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("HINCRBY", key, "default").andThen(
                        error -> assertThat(error.getCause()).hasMessageContaining("not an integer")));
        assertThat(raw().hget(key, "n")).isEqualTo("abc");
    }

    @Test
    void hincrbyfloat_addsFraction() {
        String key = key("h");
        raw().hset(key, "x", "1.5");

        ops.hincrbyfloat(key, "x", 0.25).as(StepVerifier::create).expectNext(1.75).verifyComplete();

        assertThat(raw().hget(key, "x")).isEqualTo("1.75");
    }

    @Test
    void hset_withAlias_writesToThatAliasDb() {
        assumeNumberedDatabases();
        String key = key("routed");

        ops.onPool(SingleConnectionFixture.SECOND).hset(key, "f", "v").as(StepVerifier::create)
                .expectNext(true).verifyComplete();

        assertThat(rawSecond().hget(key, "f")).isEqualTo("v");
        assertThat(raw().exists(key)).isZero();
    }
}
