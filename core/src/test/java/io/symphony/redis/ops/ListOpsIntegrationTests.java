package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.LMoveArgs;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ListOpsIntegrationTests extends OpsTestSupport {

    @Test
    void rpush_appendsAndEmitsLength() {
        String key = key("l");
        raw().rpush(key, "a");

        ops.rpush(key, "b", "c").as(StepVerifier::create).expectNext(3L).verifyComplete();
        ops.rpush(key, List.of("d")).as(StepVerifier::create).expectNext(4L).verifyComplete();

        assertThat(raw().lrange(key, 0, -1)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void lpop_removesHeadOrCompletesEmpty() {
        String key = key("l");
        raw().rpush(key, "a", "b");

        ops.lpop(key).as(StepVerifier::create).expectNext("a").verifyComplete();
        ops.lpop(key("missing")).as(StepVerifier::create).verifyComplete();

        assertThat(raw().lrange(key, 0, -1)).containsExactly("b");
    }

    @Test
    void lpop_withCount_emitsUpToCountInOrder() {
        String key = key("l");
        raw().rpush(key, "a", "b", "c");

        ops.lpop(key, 2).as(StepVerifier::create).expectNext("a", "b").verifyComplete();
        ops.lpop(key, 5).as(StepVerifier::create).expectNext("c").verifyComplete();
        ops.lpop(key, 5).as(StepVerifier::create).verifyComplete();

        assertThat(raw().exists(key)).isZero();
    }

    @Test
    void lrange_emitsRangeOrEmpty() {
        String key = key("l");
        raw().rpush(key, "a", "b", "c", "d");

        ops.lrange(key, 1, -2).as(StepVerifier::create).expectNext("b", "c").verifyComplete();
        ops.lrange(key("missing"), 0, -1).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void lrange_backpressure_emitsOnDemand() {
        String key = key("l");
        raw().rpush(key, "a", "b", "c");

        StepVerifier.create(ops.lrange(key, 0, -1), 1)
                .expectNext("a")
                .thenRequest(1)
                .expectNext("b")
                .thenRequest(1)
                .expectNext("c")
                .verifyComplete();
    }

    @Test
    void ltrim_keepsRange() {
        String key = key("l");
        raw().rpush(key, "a", "b", "c", "d");

        ops.ltrim(key, 2, -1).as(StepVerifier::create).verifyComplete();

        assertThat(raw().lrange(key, 0, -1)).containsExactly("c", "d");
    }

    @Test
    void llen_countsOrZero() {
        String key = key("l");
        raw().rpush(key, "a", "b");

        ops.llen(key).as(StepVerifier::create).expectNext(2L).verifyComplete();
        ops.llen(key("missing")).as(StepVerifier::create).expectNext(0L).verifyComplete();
    }

    @Test
    void lmove_movesBetweenEnds() {
        String source = taggedKey("src");
        String destination = taggedKey("dst");
        raw().rpush(source, "a", "b");
        raw().rpush(destination, "z");

        ops.lmove(source, destination, LMoveArgs.Builder.leftRight()).as(StepVerifier::create)
                .expectNext("a").verifyComplete();
        ops.lmove(taggedKey("missing"), destination, LMoveArgs.Builder.leftRight()).as(StepVerifier::create)
                .verifyComplete();

        assertThat(raw().lrange(source, 0, -1)).containsExactly("b");
        assertThat(raw().lrange(destination, 0, -1)).containsExactly("z", "a");
    }

    @Test
    void lmove_keysInTwoSlotsOnCluster_failsBeforeReachingRedis() {
        topology.assumeCluster("only Cluster confines a command's keys to one slot");
        String source = key("src");
        String destination = keyInOtherSlot("dst", source);
        raw().rpush(source, "a");
        long before = commandCalls("lmove");

        ops.lmove(source, destination, LMoveArgs.Builder.leftRight()).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("LMOVE", source, "default").andThen(error -> {
                    assertThat(error).hasMessageContaining(source).hasMessageContaining(destination)
                            .hasMessageContaining("slot").hasMessageContaining("CROSSSLOT");
                    assertThat(error.getCause()).isInstanceOf(IllegalArgumentException.class);
                }));

        assertThat(commandCalls("lmove")).as("LMOVE never sent").isEqualTo(before);
        assertThat(raw().lrange(source, 0, -1)).containsExactly("a");
    }

    @Test
    void llen_onHash_signalsWrongType() {
        String key = key("h");
        raw().hset(key, "f", "v");

        ops.onPool(SingleConnectionFixture.DEFAULT).llen(key).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("LLEN", key, "default"));
    }
}
