package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.RedisCommandException;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.test.StepVerifier;

@OnEveryTopology
class RedisTriggerIntegrationTests {

    private static RepositoryFixture fixture;

    @Parameter
    Topology backend;

    private final RedisClusterCommands<String, String> raw = fixture.raw(PoolAliases.EXPIRY);
    private final String tenant = fixture.tenant();
    private final RedisTrigger triggers = fixture.trigger(tenant);
    private final String due = RedisTrigger.dueIndexKey(fixture.support.keys());

    @BeforeParameterizedClassInvocation
    static void open(Topology backend) {
        fixture = RepositoryFixture.open(backend);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        fixture.close();
    }

    private long serverMillis() {
        var time = raw.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    @Test
    void set_writesTheOriginalKeyValueTtlAndADueEntry() {
        long before = serverMillis();
        triggers.set("remind:me", "user:42", Duration.ofSeconds(30)).as(StepVerifier::create)
                .expectNext(true).verifyComplete();
        long after = serverMillis();

        String key = tenant + ":EXPTRIGGER:remind%3Ame:user%3A42";
        assertThat(raw.get(key)).matches("trigger:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
        assertThat(raw.pttl(key)).isBetween(29_000L, 30_000L);
        assertThat(raw.zscore(due, key).longValue()).isBetween(before + 30_000, after + 30_000);
    }

    @Test
    void set_again_movesTheDueTime() {
        triggers.set("a", "id", Duration.ofSeconds(5)).block(Duration.ofSeconds(5));
        String key = tenant + ":EXPTRIGGER:a:id";
        double first = raw.zscore(due, key);
        triggers.set("a", "id", Duration.ofSeconds(60)).block(Duration.ofSeconds(5));

        assertThat(raw.zscore(due, key)).isGreaterThan(first + 50_000);
        assertThat(raw.pttl(key)).isGreaterThan(50_000L);
        assertThat(raw.zrangebyscore(due, io.lettuce.core.Range.create(0, Double.MAX_VALUE)).stream()
                .filter(key::equals)).hasSize(1);
    }

    @Test
    void set_rejectsTtlBelowOneMillisecondAtCallTime() {
        assertThatThrownBy(() -> triggers.set("a", "id", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> triggers.set("a", "id", Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(raw.exists(tenant + ":EXPTRIGGER:a:id")).isZero();
    }

    @Test
    void delete_cancelsKeyAndDueEntry() {
        triggers.set("a", "id", Duration.ofSeconds(30)).block(Duration.ofSeconds(5));
        String key = tenant + ":EXPTRIGGER:a:id";

        triggers.delete("a", "id").as(StepVerifier::create).expectNext(1L).verifyComplete();
        triggers.delete("a", "id").as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(raw.exists(key)).isZero();
        assertThat(raw.zscore(due, key)).isNull();
    }

    @Test
    void deleteAllByIdentifier_cancelsOnlyThisTenantsTriggersOfThatIdentifier() {
        RedisTrigger other = fixture.trigger(tenant + "*");
        triggers.set("a", "u*", Duration.ofSeconds(30)).block(Duration.ofSeconds(5));
        triggers.set("b:c", "u*", Duration.ofSeconds(30)).block(Duration.ofSeconds(5));
        triggers.set("a", "u1", Duration.ofSeconds(30)).block(Duration.ofSeconds(5));
        other.set("a", "u*", Duration.ofSeconds(30)).block(Duration.ofSeconds(5));

        triggers.deleteAllByIdentifier("u*").as(StepVerifier::create).expectNext(2L).verifyComplete();

        assertThat(raw.exists(tenant + ":EXPTRIGGER:a:u%2A", tenant + ":EXPTRIGGER:b%3Ac:u%2A")).isZero();
        assertThat(raw.zscore(due, tenant + ":EXPTRIGGER:a:u%2A")).isNull();
        assertThat(raw.exists(tenant + ":EXPTRIGGER:a:u1")).isEqualTo(1);
        assertThat(raw.exists(tenant + "%2A:EXPTRIGGER:a:u%2A")).isEqualTo(1);
        assertThat(raw.zscore(due, tenant + "%2A:EXPTRIGGER:a:u%2A")).isNotNull();
    }

    @Test
    void set_whoseKeyWriteFails_isAnErrorAndLeavesTheTriggerFiringFromTheIndexOnTheClusterLayout() {
        // Injected fault: Redis refuses SET ... PX with a TTL that overflows its clock (ERR invalid expire time),
        // while the index entry's score is just a large double. On the Cluster layout the ZADD runs first and stays,
        // so the sweeper would still fire the trigger; the standalone script stops at the SET before writing.
        String key = tenant + ":EXPTRIGGER:a:id";

        triggers.set("a", "id", Duration.ofMillis(Long.MAX_VALUE)).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RedisCommandException.class);
                    assertThat(e.getMessage()).containsIgnoringCase("expire");
                });

        assertThat(raw.exists(key)).as("the key write failed").isZero();
        if (backend.isCluster()) {
            assertThat(raw.zscore(due, key)).as("indexed first, so it still fires").isNotNull();
            raw.zrem(due, key);
        } else {
            assertThat(raw.zscore(due, key)).as("one script: nothing written").isNull();
        }
    }

    @Test
    void delete_whoseIndexStepFails_leavesTheKeyUntouched() {
        // Injected fault: a private trigger prefix gives this test its own due-index, which is then replaced by a
        // string, so ZREM fails with WRONGTYPE. The ZREM runs before the DEL in both layouts, so the key survives
        // and the caller sees the error (and may retry once the index is sound).
        String prefix = "EXPTRIGGERx" + TestRedis.uniqueTenant("p").substring(2);
        KeyFactory keys = KeyFactory.builder().triggerPrefix(prefix).build();
        RepositorySupport support = RepositorySupport.builder(fixture.support.ops(), fixture.support.codec(), keys)
                .clock(fixture.support.clock()).build();
        RedisTrigger own = SymphonyRepositories.of(support, backend.isCluster()).trigger(tenant);
        String index = RedisTrigger.dueIndexKey(keys);
        String key = keys.triggerKey(tenant, "a", "id");
        own.set("a", "id", Duration.ofSeconds(30)).as(StepVerifier::create).expectNext(true).verifyComplete();
        raw.del(index);
        raw.set(index, "not a sorted set");

        own.delete("a", "id").as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(RedisCommandException.class)
                        .hasMessageContaining("WRONGTYPE"));

        assertThat(raw.exists(key)).as("the DEL never ran").isEqualTo(1);
        raw.del(index, key);
    }

    @Test
    void theStandaloneLayoutIsRefusedOnAClusterAndWritesNothing() {
        backend.assumeCluster("only a Cluster refuses a script whose keys lie in several slots");
        RedisTrigger standalone = RedisTrigger.standalone(fixture.support, tenant);

        standalone.set("a", "id", Duration.ofSeconds(30)).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(RedisCommandException.class)
                        .hasMessageContaining("CROSSSLOT"));

        assertThat(raw.exists(tenant + ":EXPTRIGGER:a:id")).isZero();
        assertThat(raw.zscore(due, tenant + ":EXPTRIGGER:a:id")).isNull();
    }

    @Test
    void deleteAllByIdentifier_cancelsTriggersWhereverTheyLive() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            triggers.set("action" + i, "u1", Duration.ofSeconds(30)).block(Duration.ofSeconds(5));
            keys.add(tenant + ":EXPTRIGGER:action" + i + ":u1");
        }
        fixture.assertOnEveryPrimary(keys);

        triggers.deleteAllByIdentifier("u1").as(StepVerifier::create).expectNext(30L).verifyComplete();

        assertThat(raw.exists(keys.toArray(String[]::new))).isZero();
        assertThat(keys).allSatisfy(key -> assertThat(raw.zscore(due, key)).as(key).isNull());
    }

    @Test
    void isoformat_matchesPython() {
        assertThat(RedisTrigger.isoformat(LocalDateTime.of(2026, 11, 25, 21, 54, 46, 732_494_000)))
                .isEqualTo("2026-11-25T21:54:46.732494");
        assertThat(RedisTrigger.isoformat(LocalDateTime.of(2026, 1, 2, 3, 4, 5))).isEqualTo("2026-01-02T03:04:05");
    }
}
