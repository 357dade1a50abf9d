package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class SetOpsIntegrationTests extends OpsTestSupport {

    @Test
    void sadd_addsAndCountsNewMembers() {
        String key = key("set");
        raw().sadd(key, "a");

        ops.sadd(key, "a", "b", "c").as(StepVerifier::create).expectNext(2L).verifyComplete();

        assertThat(raw().smembers(key)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void smembers_emitsMembersOrEmpty() {
        String key = key("set");
        raw().sadd(key, "a", "b");

        ops.smembers(key).collectList().as(StepVerifier::create)
                .assertNext(members -> assertThat(members).containsExactlyInAnyOrder("a", "b")).verifyComplete();
        ops.smembers(key("missing")).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void srem_removesAndCounts() {
        String key = key("set");
        raw().sadd(key, "a", "b", "c");

        ops.srem(key, "a", "zz").as(StepVerifier::create).expectNext(1L).verifyComplete();
        ops.srem(key("missing"), List.of("a")).as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw().smembers(key)).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void sismember_reportsMembership() {
        String key = key("set");
        raw().sadd(key, "a");

        ops.sismember(key, "a").as(StepVerifier::create).expectNext(true).verifyComplete();
        ops.sismember(key, "b").as(StepVerifier::create).expectNext(false).verifyComplete();
    }

    @Test
    void sadd_onString_signalsWrongType() {
        String key = key("s");
        raw().set(key, "v");

        ops.onPool(SingleConnectionFixture.DEFAULT).sadd(key, List.of("m"))
                .as(StepVerifier::create).verifyErrorSatisfies(commandError("SADD", key, "default"));
    }
}
