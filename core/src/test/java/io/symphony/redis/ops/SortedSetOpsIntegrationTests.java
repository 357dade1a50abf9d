package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class SortedSetOpsIntegrationTests extends OpsTestSupport {

    @Test
    void zadd_single_emitsOneWhenNewZeroWhenUpdated() {
        String key = key("z");

        ops.zadd(key, 1.5, "a").as(StepVerifier::create).expectNext(1L).verifyComplete();
        ops.zadd(key, 2.5, "a").as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw().zscore(key, "a")).isEqualTo(2.5);
    }

    @Test
    void zadd_map_addsAll() {
        String key = key("z");

        ops.zadd(key, Map.of("a", 1.0, "b", 2.0, "c", 3.0)).as(StepVerifier::create).expectNext(3L).verifyComplete();

        assertThat(raw().zrange(key, 0, -1)).containsExactly("a", "b", "c");
    }

    @Test
    void zrangebyscore_inclusiveRangeAndInfinity() {
        String key = key("z");
        raw().zadd(key, 1.0, "a", 2.0, "b", 3.0, "c");

        ops.zrangebyscore(key, 2.0, 3.0).as(StepVerifier::create).expectNext("b", "c").verifyComplete();
        ops.zrangebyscore(key, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).as(StepVerifier::create)
                .expectNext("a", "b", "c").verifyComplete();
        ops.zrangebyscore(key("missing"), 0, 10).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void zrangebyscore_withLimit_pages() {
        String key = key("z");
        raw().zadd(key, 1.0, "a", 2.0, "b", 3.0, "c", 4.0, "d");

        ops.zrangebyscore(key, 0, 10, 1, 2).as(StepVerifier::create).expectNext("b", "c").verifyComplete();
    }

    @Test
    void zrem_removesAndCounts() {
        String key = key("z");
        raw().zadd(key, 1.0, "a", 2.0, "b");

        ops.zrem(key, "a", "zz").as(StepVerifier::create).expectNext(1L).verifyComplete();

        assertThat(raw().zrange(key, 0, -1)).containsExactly("b");
    }

    @Test
    void zscore_emitsScoreOrEmpty() {
        String key = key("z");
        raw().zadd(key, 4.25, "a");

        ops.zscore(key, "a").as(StepVerifier::create).expectNext(4.25).verifyComplete();
        ops.zscore(key, "missing").as(StepVerifier::create).verifyComplete();
        ops.zscore(key("missing"), "a").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void zadd_withAlias_writesToThatAliasDb() {
        assumeNumberedDatabases();
        String key = key("z");

        ops.onPool(SingleConnectionFixture.SECOND).zadd(key, 1.0, "a").as(StepVerifier::create)
                .expectNext(1L).verifyComplete();

        assertThat(rawSecond().zscore(key, "a")).isEqualTo(1.0);
        assertThat(raw().exists(key)).isZero();
    }
}
