package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.keys.HashTagMode;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The key layout on Redis Cluster, asked of the Cluster itself ({@code CLUSTER KEYSLOT}): the keys of every
 * multi-key script share one slot, the keys without a hash tag are the original's, and
 * {@link HashTagMode#TENANT} puts a tenant's keys (not the global ones) in one slot. Cluster only: a standalone
 * server has no slots. {@code docs/cluster-keys.md} describes the layout these tests pin down.
 */
@RedisTest
class ClusterKeySlotsIntegrationTests {

    /** Tenants whose escaped form holds escapes, braces included, next to a plain one. */
    private static final List<String> TENANTS = List.of("acme", "a{b}c", "{x}", "50%", "t:1", "日本");

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @BeforeAll
    static void open() {
        fixture = RepositoryFixture.open(Topology.CLUSTER);
        raw = fixture.raw(PoolAliases.HANDLERS);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    private static long slot(String key) {
        return raw.clusterKeyslot(key);
    }

    private static KeyFactory tagged() {
        return KeyFactory.builder().hashTagMode(HashTagMode.TENANT).build();
    }

    @Test
    void theSlotsOfTheWorkedExampleInTheDocs() {
        KeyFactory keys = KeyFactory.builder().build();
        BatchKeys batch = BatchKeys.of(keys, "acme", "mail", "daily", "send");
        Map<String, Long> expected = Map.of(
                keys.userKey("acme", "u1"), 3379L,
                tagged().userKey("acme", "u1"), 11304L,
                keys.triggerKey("acme", "remind", "u1"), 12391L,
                RedisTrigger.dueIndexKey(keys), 8958L,
                batch.list(), 2370L,
                batch.inflight(), 2370L,
                batch.claims(), 2370L,
                batch.lists(), 1226L,
                batch.pending(), 7600L);
        expected.forEach((key, slot) -> assertThat(slot(key)).as(key).isEqualTo(slot));
    }

    @Test
    void theTriggerIndexAndItsCompanionsShareOneSlotWhateverThePrefix() {
        for (KeyFactory keys : List.of(KeyFactory.builder().build(), tagged(),
                KeyFactory.builder().triggerPrefix("REMIND").build())) {
            String due = RedisTrigger.dueIndexKey(keys);
            assertThat(due).isEqualTo("{" + keys.triggerPrefix() + "%}:due");
            for (String companion : List.of("inflight", "recent", "dead")) {
                assertThat(slot(RedisTrigger.indexKey(keys, companion))).as(companion).isEqualTo(slot(due));
            }
        }
    }

    @Test
    void noTenantKeyCarriesTheIndexTag() {
        // An escaped tenant cannot end in a bare '%', so no tenant tag can equal the index's tag.
        KeyFactory keys = tagged();
        for (String tenant : List.of("EXPTRIGGER%", "EXPTRIGGER", "%")) {
            assertThat(keys.triggerKey(tenant, "a", "id")).doesNotStartWith("{EXPTRIGGER%}");
        }
    }

    @Test
    void withoutHashTagsEveryKeyIsTheOriginalsAndHashesWhole() {
        KeyFactory keys = KeyFactory.builder().build();
        assertThat(keys.userKey("acme", "u1")).isEqualTo("acme:user:u1");
        assertThat(keys.triggerKey("acme", "remind", "u1")).isEqualTo("acme:EXPTRIGGER:remind:u1");
        assertThat(keys.batchListKey("acme", "mail", "daily", "send")).isEqualTo("acme:batch:mail:daily:send");
        assertThat(keys.pendingBatchesKey("mail")).isEqualTo("pending_batches:mail");
        for (String tenant : TENANTS) {
            List<String> all = List.of(keys.userKey(tenant, "u{1}"), keys.sharedStateKey(tenant, "s", "u1"),
                    keys.handlerStateKey(tenant, "h", "u1"), keys.tableRowKey(tenant, "t", "p{1}"),
                    keys.triggerKey(tenant, "a", "id"), keys.batchListKey(tenant, "s", "e", "a"),
                    keys.genericKey(tenant, "k"));
            // Escaped components hold no braces, so no key carries a hash tag: each hashes whole, as in the original.
            assertThat(all).allSatisfy(key -> assertThat(key).doesNotContain("{", "}"));
        }
    }

    @Test
    void aBatchListAndItsProcessingKeysShareTheListsSlotInBothModes() {
        for (KeyFactory keys : List.of(KeyFactory.builder().build(), tagged())) {
            for (String tenant : TENANTS) {
                BatchKeys k = BatchKeys.of(keys, tenant, "s{1}", "e:1", "a*");
                assertThat(slot(k.inflight())).as(k.inflight()).isEqualTo(slot(k.list()));
                assertThat(slot(k.claims())).as(k.claims()).isEqualTo(slot(k.list()));
                if (keys.hashTagMode() == HashTagMode.TENANT) {
                    assertThat(k.inflight()).isEqualTo(k.list() + ":inflight");
                    assertThat(slot(k.lists())).as("active set in the tenant's slot").isEqualTo(slot(k.list()));
                } else {
                    assertThat(k.inflight()).isEqualTo("{" + k.list() + "}:inflight");
                }
                assertThat(k.pending()).as("global, never tagged").doesNotContain("{");
            }
        }
    }

    @Test
    void tenantHashTagsPutEveryKeyOfATenantInOneSlotButNotTheGlobalOnes() {
        KeyFactory keys = tagged();
        for (String tenant : TENANTS) {
            long tenantSlot = slot(keys.userKey(tenant, "u1"));
            List<String> all = List.of(keys.sharedStateKey(tenant, "s", "u1"), keys.handlerStateKey(tenant, "h", "u1"),
                    keys.tableRowKey(tenant, "t", "p1"), keys.triggerKey(tenant, "a", "id"),
                    keys.batchListKey(tenant, "s", "e", "a"), keys.genericKey(tenant, "k"));
            assertThat(all).allSatisfy(key -> assertThat(slot(key)).as(key).isEqualTo(tenantSlot));
        }
        assertThat(slot(keys.pendingBatchesKey("s"))).isNotEqualTo(slot(keys.userKey("acme", "u1")));
    }

    @Test
    void withTenantHashTagsTheClusterLayoutsRunEndToEnd() {
        KeyFactory keys = tagged();
        RepositorySupport support = RepositorySupport.builder(fixture.support.ops(), fixture.support.codec(), keys)
                .clock(fixture.support.clock()).build();
        SymphonyRepositories repos = SymphonyRepositories.of(support, true);
        String tenant = fixture.tenant();
        String svc = fixture.tenant();
        RedisBatch batch = repos.batch(tenant);
        List<Object> processed = new ArrayList<>();

        Mono.when(batch.enqueue(svc, "e", "a", "x"), batch.enqueue(svc, "e", "a", "y"),
                        repos.trigger(tenant).set("remind", "u1", Duration.ofMinutes(5)),
                        repos.user(tenant, "u1").upsert(Map.of("name", "Alice")))
                .as(StepVerifier::create).verifyComplete();
        batch.consume(svc, "e", "a", "c", 10, Duration.ofSeconds(30),
                        items -> Mono.fromRunnable(() -> processed.addAll(items)))
                .as(StepVerifier::create).expectNext(true).verifyComplete();
        repos.user(tenant, "any").findByField("name", "Alice").as(StepVerifier::create)
                .expectNext(Map.of("name", "Alice")).verifyComplete();

        assertThat(processed).containsExactlyInAnyOrder("x", "y");
        String tag = "{" + tenant + "}";
        assertThat(raw.exists(tag + ":EXPTRIGGER:remind:u1", tag + ":user:u1")).isEqualTo(2);
        assertThat(raw.zscore(RedisTrigger.dueIndexKey(keys), tag + ":EXPTRIGGER:remind:u1")).isNotNull();
        assertThat(raw.sismember("pending_batches:" + svc, tenant)).as("drained").isFalse();
        repos.trigger(tenant).delete("remind", "u1").as(StepVerifier::create).expectNext(1L).verifyComplete();
    }
}
