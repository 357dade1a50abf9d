package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class KeyOpsIntegrationTests extends OpsTestSupport {

    @Test
    void exists_countsExistingKeys() {
        raw().set(key("a"), "1");
        raw().set(key("b"), "1");

        ops.exists(key("a"), key("b"), key("missing")).as(StepVerifier::create).expectNext(2L).verifyComplete();
        ops.exists(List.of(key("missing"))).as(StepVerifier::create).expectNext(0L).verifyComplete();
    }

    @Test
    void delete_removesKeysAndCountsThem() {
        raw().set(key("a"), "1");
        raw().hset(key("b"), "f", "v");

        ops.delete(key("a"), key("b"), key("missing")).as(StepVerifier::create).expectNext(2L).verifyComplete();

        assertThat(raw().exists(key("a"), key("b"))).isZero();
    }

    /** On Cluster the keys lie on every primary: Lettuce splits EXISTS and DEL per slot and sums the replies. */
    @Test
    void existsAndDelete_keysOnEveryNode_countAndDeleteThemAll() {
        List<String> keys = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            keys.add(key("k" + i));
            values.put(key("k" + i), "v");
        }
        raw().mset(values);
        assertThat(keys.stream().map(topology::nodeAddressOf).distinct().count()).as("nodes holding the keys")
                .isEqualTo(topology.primaries().size());
        List<String> withDuplicateAndMissing = new ArrayList<>(keys);
        withDuplicateAndMissing.add(keys.get(0));
        withDuplicateAndMissing.add(key("missing"));

        ops.exists(withDuplicateAndMissing).as(StepVerifier::create).expectNext(31L).verifyComplete();
        ops.delete(withDuplicateAndMissing).as(StepVerifier::create).expectNext(30L).verifyComplete();

        assertThat(raw().exists(keys.toArray(new String[0]))).isZero();
    }

    @Test
    void delete_withAlias_deletesOnlyInThatDb() {
        assumeNumberedDatabases();
        String key = key("both");
        raw().set(key, "1");
        rawSecond().set(key, "2");

        ops.onPool(SingleConnectionFixture.SECOND).delete(List.of(key)).as(StepVerifier::create)
                .expectNext(1L).verifyComplete();

        assertThat(rawSecond().exists(key)).isZero();
        assertThat(raw().get(key)).isEqualTo("1");
    }

    @Test
    void expire_existingKey_setsTtlInMillis() {
        String key = key("e");
        raw().set(key, "v");

        ops.expire(key, Duration.ofMillis(50_500)).as(StepVerifier::create).expectNext(true).verifyComplete();

        assertThat(raw().pttl(key)).isBetween(40_000L, 50_500L);
    }

    @Test
    void expire_missingKey_emitsFalse() {
        ops.expire(key("missing"), Duration.ofSeconds(5)).as(StepVerifier::create).expectNext(false).verifyComplete();
    }

    @Test
    void getTtl_reportsRedisCodes() {
        raw().set(key("plain"), "v");
        raw().set(key("expiring"), "v", SetArgs.Builder.ex(100));

        ops.getTtl(key("missing")).as(StepVerifier::create).expectNext(-2L).verifyComplete();
        ops.getTtl(key("plain")).as(StepVerifier::create).expectNext(-1L).verifyComplete();
        ops.getTtl(key("expiring")).as(StepVerifier::create)
                .assertNext(ttl -> assertThat(ttl).isBetween(90L, 100L)).verifyComplete();
    }

    @Test
    void scanKeys_noMatch_completesEmpty() {
        ops.scanKeys(prefix + "*").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void scanKeys_withAlias_seesOnlyThatDb() {
        assumeNumberedDatabases();
        raw().set(key("d1"), "v");
        rawSecond().set(key("s1"), "v");

        ops.onPool(SingleConnectionFixture.SECOND).scanKeys(prefix + "*").as(StepVerifier::create)
                .expectNext(key("s1")).verifyComplete();
    }

    @Test
    void scanKeys_manyKeys_honoursDemandPageByPage() {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            values.put(key("k" + i), "v");
        }
        raw().mset(values);
        raw().set("other:" + prefix, "not matched");
        List<String> seen = new ArrayList<>();
        long scansBefore = scanCalls();
        java.util.concurrent.atomic.AtomicLong pagesForFirstTen = new java.util.concurrent.atomic.AtomicLong();

        StepVerifier.Step<String> step = StepVerifier.create(ops.scanKeys(prefix + "*", 50).doOnNext(seen::add), 0)
                .thenRequest(10)
                .expectNextCount(10)
                .then(() -> pagesForFirstTen.set(scanCalls() - scansBefore));
        for (int i = 1; i < 500; i++) {
            step = step.thenRequest(10).expectNextCount(10);
        }
        step.thenRequest(10).verifyComplete();

        assertThat(Set.copyOf(seen)).isEqualTo(values.keySet());
        long fullWalk = scanCalls() - scansBefore;
        // Other tests may leave keys in this DB (they pick random DBs) and ScanStream prefetches a few pages, so
        // compare with the full walk rather than with a fixed page count: the first 10 keys must not walk it all.
        assertThat(fullWalk).as("a full walk takes many pages").isGreaterThan(50);
        assertThat(pagesForFirstTen.get()).as("SCAN pages after 10 demanded").isLessThan(fullWalk / 3);
        raw().del("other:" + prefix);
    }

    @Test
    void scanKeys_cancelled_stopsWalking() {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            values.put(key("k" + i), "v");
        }
        raw().mset(values);
        long scansBefore = scanCalls();

        StepVerifier.create(ops.scanKeys(prefix + "*", 20), 0)
                .thenRequest(5)
                .expectNextCount(5)
                .thenCancel()
                .verify();

        long cancelledPages = scanCalls() - scansBefore;
        long fullBefore = scanCalls();
        assertThat(ops.scanKeys(prefix + "*", 20).count().block(Duration.ofSeconds(10))).isEqualTo(500L);
        long fullWalk = scanCalls() - fullBefore;
        // Other tests leave keys in this shared DB, so pages may hold no match and the absolute page count of the
        // first 5 keys varies; compare with the full walk of the same DB instead (about 25 pages for 500 keys alone).
        assertThat(fullWalk).as("a full walk of 500 keys, COUNT 20, takes many pages").isGreaterThanOrEqualTo(15);
        assertThat(cancelledPages).as("SCAN pages before the cancel").isLessThan(fullWalk / 3);
        raw().del(values.keySet().toArray(new String[0]));
    }

    private long scanCalls() {
        return commandCalls("scan");
    }
}
