package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.CodecException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ScriptOpsIntegrationTests extends OpsTestSupport {

    private static final RedisScript<Long> INCRBY =
            RedisScript.returningLong("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    @Test
    void eval_long_runsWithKeysAndArgs() {
        String key = key("n");
        raw().set(key, "2");

        ops.eval(INCRBY, List.of(key), List.of("3")).as(StepVerifier::create).expectNext(5L).verifyComplete();

        assertThat(raw().get(key)).isEqualTo("5");
    }

    @Test
    void eval_list_emitsOneNestedList() {
        RedisScript<List<Object>> script = RedisScript.returningList("return {1, 'two', {3}}");

        ops.eval(script, List.of(), List.of()).as(StepVerifier::create)
                .expectNext(List.of(1L, "two", List.of(3L))).verifyComplete();
    }

    @Test
    void eval_string_decodesStatusReply() {
        String key = key("s");
        RedisScript<String> script = RedisScript.returningString("return redis.call('SET', KEYS[1], ARGV[1])");

        ops.eval(script, List.of(key), List.of("v")).as(StepVerifier::create).expectNext("OK").verifyComplete();

        assertThat(raw().get(key)).isEqualTo("v");
    }

    @Test
    void eval_boolean_mapsTrueAndFalse() {
        RedisScript<Boolean> script = RedisScript.returningBoolean("return redis.call('EXISTS', KEYS[1]) == 1");
        raw().set(key("present"), "v");

        ops.eval(script, List.of(key("present")), List.of()).as(StepVerifier::create).expectNext(true)
                .verifyComplete();
        ops.eval(script, List.of(key("missing")), List.of()).as(StepVerifier::create).expectNext(false)
                .verifyComplete();
    }

    @Test
    void eval_tableFromAnIntegerScript_isACodecErrorNamingTheScript() {
        RedisScript<Long> script = RedisScript.returningLong("return {1, 2}").named("pair");

        ops.eval(script, List.of(key("k")), List.of()).as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CodecException.class)
                        .hasMessage("Lua script 'pair' (sha1 " + script.sha1() + ") replied a table ([1, 2]) where an "
                                + "integer (returningLong) was declared"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void eval_wrongShapes_areCodecErrors_notCoercedValues() {
        expectShapeError(RedisScript.returningLong("return 'abc'"), "replied a string (abc) where an integer");
        expectShapeError(RedisScript.returningList("return 5"), "replied an integer (5) where a table");
        expectShapeError(RedisScript.returningBoolean("return 'yes'"), "replied a string (yes) where a boolean");
        expectShapeError(RedisScript.returningString("return 5"), "replied an integer (5) where a string");
        expectShapeError(RedisScript.returningString("return {'a', 'b'}"), "replied a table ([a, b]) where a string");
    }

    @Test
    void eval_compatibleShapes_stillConvert() {
        ops.eval(RedisScript.returningLong("return '12'"), List.of(key("k")), List.of()).as(StepVerifier::create)
                .expectNext(12L).verifyComplete();
        ops.eval(RedisScript.returningString("return redis.status_reply('PONG')"), List.of(key("k")), List.of())
                .as(StepVerifier::create).expectNext("PONG").verifyComplete();
        ops.eval(RedisScript.returningList("return {}"), List.of(key("k")), List.of()).as(StepVerifier::create)
                .expectNext(List.of()).verifyComplete();
        ops.eval(RedisScript.returningLong("return false"), List.of(key("k")), List.of()).as(StepVerifier::create)
                .verifyComplete();
        ops.eval(RedisScript.returningLong("return true"), List.of(key("k")), List.of()).as(StepVerifier::create)
                .expectNext(1L).verifyComplete();
    }

    private void expectShapeError(RedisScript<?> script, String message) {
        ops.eval(script, List.of(key("k")), List.of()).as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CodecException.class)
                        .hasMessageStartingWith("Lua script sha1 " + script.sha1() + " ")
                        .hasMessageContaining(message))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void eval_nilReply_completesEmpty() {
        RedisScript<String> script = RedisScript.returningString("return redis.call('GET', KEYS[1])");

        ops.eval(script, List.of(key("missing")), List.of()).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void eval_afterScriptFlush_fallsBackOnceThenUsesEvalsha() {
        String key = key("n");
        RedisScript<Long> script = RedisScript.returningLong("-- " + prefix + "\nreturn redis.call('INCR', KEYS[1])");
        raw().scriptFlush();
        long evalshaBefore = commandCalls("evalsha");
        long evalBefore = commandCalls("eval");

        ops.eval(script, List.of(key), List.of()).as(StepVerifier::create).expectNext(1L).verifyComplete();

        assertThat(commandCalls("evalsha") - evalshaBefore).as("tried by SHA first").isEqualTo(1);
        assertThat(commandCalls("eval") - evalBefore).as("one EVAL after NOSCRIPT").isEqualTo(1);
        assertThat(topology.nodeOf(key, SingleConnectionFixture.DEFAULT_DB).scriptExists(script.sha1()))
                .as("cached on the node that ran it").containsExactly(true);

        ops.eval(script, List.of(key), List.of()).as(StepVerifier::create).expectNext(2L).verifyComplete();

        assertThat(commandCalls("evalsha") - evalshaBefore).as("second call by SHA").isEqualTo(2);
        assertThat(commandCalls("eval") - evalBefore).as("no second EVAL").isEqualTo(1);
        assertThat(raw().get(key)).as("NOSCRIPT retry ran the script exactly once").isEqualTo("2");
    }

    @Test
    void eval_afterScriptFlush_concurrentCallsSomeCancelled_eachRunsAtMostOnceAndTheRestGetTheirReply() {
        String key = key("n");
        RedisScript<Long> script = RedisScript.returningLong("-- " + prefix + " concurrent\n"
                + "return redis.call('INCR', KEYS[1])");
        raw().scriptFlush();
        int calls = 400;

        Flux.range(0, calls)
                .flatMap(i -> i % 4 == 3
                        // cancelled at various points: before sending, between NOSCRIPT and EVAL, before the reply
                        ? ops.eval(script, List.of(key), List.of()).take(Duration.ofNanos(1_000L * i))
                                .then(Mono.<Long>empty())
                        : ops.eval(script, List.of(key), List.of()), 64)
                .collectList()
                .as(StepVerifier::create)
                .assertNext(values -> {
                    assertThat(values).as("every call that was not cancelled got its reply").hasSize(300)
                            .doesNotHaveDuplicates();
                    long runs = Long.parseLong(raw().get(key));
                    assertThat(runs).as("no call ran twice").isBetween(300L, 400L);
                    assertThat(values).allSatisfy(value -> assertThat(value).isBetween(1L, runs));
                })
                .verifyComplete();

        long runs = Long.parseLong(raw().get(key));
        ops.eval(script, List.of(key), List.of()).as(StepVerifier::create).expectNext(runs + 1).verifyComplete();
    }

    @Test
    void sha1_matchesServerDigest() {
        assertThat(raw().scriptLoad(INCRBY.source())).isEqualTo(INCRBY.sha1());
    }

    @Test
    void eval_luaError_signalsCommandErrorWithFirstKey() {
        RedisScript<Long> script = RedisScript.returningLong("return redis.error_reply('boom')");
        String key = taggedKey("k");

        ops.eval(script, List.of(key, taggedKey("other")), List.of()).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("EVALSHA", key, "default").andThen(
                        error -> assertThat(error.getCause()).hasMessageContaining("boom")));
    }

    @Test
    void eval_keylessError_namesNoKey() {
        RedisScript<Long> script = RedisScript.returningLong("return redis.call('NOSUCHCOMMAND')");

        ops.onPool(SingleConnectionFixture.SECOND).eval(script, List.of(), List.of()).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("EVALSHA", null, SingleConnectionFixture.SECOND));
    }

    @Test
    void eval_keysInOneSlot_runOnThePrimaryOfThatSlot() {
        String key = taggedKey("n");
        String other = taggedKey("m");
        RedisScript<Long> script = RedisScript.returningLong(
                "return redis.call('INCRBY', KEYS[1], ARGV[1]) + redis.call('INCRBY', KEYS[2], ARGV[1])");
        raw().scriptLoad(script.source());
        RedisClusterCommands<String, String> owner = topology.nodeOf(key, SingleConnectionFixture.DEFAULT_DB);
        long ownerBefore = commandCalls(owner, "evalsha");
        long allBefore = commandCalls("evalsha");

        ops.eval(script, List.of(key, other), List.of("2")).as(StepVerifier::create).expectNext(4L).verifyComplete();

        assertThat(commandCalls(owner, "evalsha") - ownerBefore).as("on the slot's primary").isOne();
        assertThat(commandCalls("evalsha") - allBefore).as("on no other primary").isOne();
        assertThat(owner.get(other)).isEqualTo("2");
    }

    @Test
    void eval_keysInSeveralSlotsOnCluster_failsBeforeReachingRedis() {
        topology.assumeCluster("only Cluster confines a script's keys to one slot");
        String first = key("a");
        String second = keyInOtherSlot("b", first);
        long evalsBefore = commandCalls("evalsha") + commandCalls("eval");

        ops.eval(INCRBY, List.of(first, second), List.of("1")).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("EVALSHA", first, "default").andThen(error -> {
                    assertThat(error).hasMessageContaining(first).hasMessageContaining(second)
                            .hasMessageContaining("slot").hasMessageContaining("CROSSSLOT")
                            .hasMessageContaining("hash tag");
                    assertThat(error.getCause()).isInstanceOf(IllegalArgumentException.class);
                }));

        assertThat(commandCalls("evalsha") + commandCalls("eval")).as("nothing sent").isEqualTo(evalsBefore);
        assertThat(raw().exists(first, second)).isZero();
    }

    @Test
    void eval_withAlias_runsOnThatDb() {
        assumeNumberedDatabases();
        String key = key("n");

        ops.onPool(SingleConnectionFixture.SECOND).eval(INCRBY, List.of(key), List.of("7")).as(StepVerifier::create)
                .expectNext(7L).verifyComplete();

        assertThat(rawSecond().get(key)).isEqualTo("7");
        assertThat(raw().exists(key)).isZero();
    }
}
