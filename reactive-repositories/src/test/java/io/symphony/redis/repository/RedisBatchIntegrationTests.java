package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.CodecException;
import io.symphony.redis.RedisCommandException;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The original's batch methods: enqueue, get_chunk, trim, get_length and the pending set. */
@OnEveryTopology
class RedisBatchIntegrationTests {

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @Parameter
    Topology backend;

    record Job(String id, boolean urgent) {
    }

    @BeforeParameterizedClassInvocation
    static void start(Topology backend) {
        fixture = RepositoryFixture.open(backend);
        raw = fixture.raw(PoolAliases.HANDLERS);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fixture.close();
    }

    private static RedisBatch repo(String tenant) {
        return fixture.batch(tenant);
    }

    /** The batch layouts that work on this backend. */
    static List<BatchTopology> topologies() {
        return fixture.topologies();
    }

    private static String service() {
        return TestRedis.uniqueTenant("svc");
    }

    @Test
    void keysAreTheOriginals() {
        RedisBatch repo = repo("acme");
        assertThat(repo.listKey("email_service", "daily_reports", "send"))
                .isEqualTo("acme:batch:email_service:daily_reports:send");
        assertThat(repo.listKey("s", "e:1", "a*")).isEqualTo("acme:batch:s:e%3A1:a%2A");
        assertThat(repo.pool()).isEqualTo(PoolAliases.HANDLERS);
        assertThat(repo.topology()).as("the layout SymphonyRepositories picks for the backend")
                .isEqualTo(backend.isCluster() ? BatchTopology.CLUSTER : BatchTopology.SINGLE_NODE);
        assertThat(new RedisBatch(fixture.support, "acme").topology()).isEqualTo(BatchTopology.SINGLE_NODE);
        assertThat(repo.withTopology(BatchTopology.CLUSTER).topology()).isEqualTo(BatchTopology.CLUSTER);
    }

    @ParameterizedTest(name = "{displayName} [{0}]")
    @MethodSource("topologies")
    void enqueueWritesTheOriginalsItemsAndTheDefaultTtl(BatchTopology topology) {
        String tenant = fixture.tenant();
        String svc = service();
        RedisBatch repo = repo(tenant).withTopology(topology);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("to", "a@b.c");
        data.put("n", 2);

        repo.enqueue(svc, "reports", "send", data).as(StepVerifier::create).expectNext(true).verifyComplete();
        repo.enqueue(svc, "reports", "send", "plain").as(StepVerifier::create).expectNext(true).verifyComplete();
        repo.enqueue(svc, "reports", "send", new Job("j1", true)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        String list = tenant + ":batch:" + svc + ":reports:send";
        assertThat(raw.lrange(list, 0, -1)).containsExactly("{\"to\": \"a@b.c\", \"n\": 2}", "plain",
                "{\"id\": \"j1\", \"urgent\": \"1\"}");
        assertThat(raw.ttl(list)).isBetween(86_390L, 86_400L);
        assertThat(raw.smembers("pending_batches:" + svc)).containsExactly(tenant);
        assertThat(raw.ttl("pending_batches:" + svc)).isEqualTo(-1L);
        assertThat(raw.smembers(tenant + ":batch:" + svc)).containsExactly("reports:send");
        assertThat(raw.ttl(tenant + ":batch:" + svc)).isBetween(86_390L, 86_400L);
    }

    @Test
    void theSingleNodeLayoutIsRefusedOnAClusterAndWritesNothing() {
        backend.assumeCluster("only a Cluster refuses a script whose keys lie in several slots");
        String tenant = fixture.tenant();
        String svc = service();
        RedisBatch singleNode = repo(tenant).withTopology(BatchTopology.SINGLE_NODE);

        singleNode.enqueue(svc, "e", "a", "x").as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(RedisCommandException.class)
                        .hasMessageContaining("CROSSSLOT"));

        assertThat(raw.exists(tenant + ":batch:" + svc + ":e:a", tenant + ":batch:" + svc, "pending_batches:" + svc))
                .isZero();
    }

    @Test
    void enqueueWithTtlSetsTheListTtlAndOnlyExtendsTheSets() {
        String tenant = fixture.tenant();
        String svc = service();
        RedisBatch repo = repo(tenant);

        repo.enqueue(svc, "e", "a", 1, Duration.ofSeconds(100)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();
        repo.enqueue(svc, "e", "a", 2, Duration.ofSeconds(30)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        String list = tenant + ":batch:" + svc + ":e:a";
        assertThat(raw.ttl(list)).isBetween(25L, 30L);
        assertThat(raw.ttl("pending_batches:" + svc)).isEqualTo(-1L);
        assertThat(raw.ttl(tenant + ":batch:" + svc)).isBetween(95L, 100L);
    }

    @Test
    void enqueue_neverExpiresThePendingSet_soAPythonProducersTenantsOutliveOurIdleness() {
        String tenant = fixture.tenant();
        String svc = service();
        // what the original writes: RPUSH to its list and a plain SADD, no TTL on either
        String pythonList = "python-tenant:batch:" + svc + ":e:a";
        raw.rpush(pythonList, "{\"n\": 1}");
        raw.sadd("pending_batches:" + svc, "python-tenant");
        // a TTL an earlier version of ours left on the set
        raw.expire("pending_batches:" + svc, 100);

        repo(tenant).enqueue(svc, "e", "a", "x", Duration.ofSeconds(1)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        assertThat(raw.smembers("pending_batches:" + svc)).containsExactlyInAnyOrder("python-tenant", tenant);
        assertThat(raw.ttl("pending_batches:" + svc)).isEqualTo(-1L);
        // our producer goes idle past its TTL: its list lapses, the Python tenant stays pending with its work
        await().atMost(Duration.ofSeconds(5)).until(() -> raw.exists(tenant + ":batch:" + svc + ":e:a") == 0);
        assertThat(raw.smembers("pending_batches:" + svc)).contains("python-tenant");
        assertThat(repo(tenant).getPendingTenants(svc).collectList().block(Duration.ofSeconds(5)))
                .contains("python-tenant");
        assertThat(raw.llen(pythonList)).isEqualTo(1L);
    }

    @Test
    void enqueueArgumentsAreCheckedAtCallTime() {
        RedisBatch repo = repo(fixture.tenant());
        assertThatThrownBy(() -> repo.enqueue("s", "e", "a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> repo.enqueue("s", "e", "a", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.enqueue("", "e", "a", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.enqueue("s", "e\n", "a", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.getChunk("s", "e", "a", (Class<Object>) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> repo.removeFromPending("s", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo("pending_batches").listKey("s", "e", "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enqueueOnAListKeyOfAnotherTypeIsRedisCommandExceptionNamingTheKey() {
        String tenant = fixture.tenant();
        String svc = service();
        String list = tenant + ":batch:" + svc + ":e:a";
        raw.set(list, "not a list");

        repo(tenant).enqueue(svc, "e", "a", 1).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RedisCommandException.class);
                    assertThat(((RedisCommandException) e).key()).isEqualTo(list);
                    assertThat(e.getMessage()).contains("WRONGTYPE");
                });
        assertThat(raw.exists("pending_batches:" + svc)).as("nothing half-written").isZero();
    }

    @Test
    void sixtyFourConcurrentEnqueuesKeepEveryItemAndTheTenantPending() {
        for (BatchTopology topology : fixture.topologies()) {
            String tenant = fixture.tenant();
            String svc = service();
            RedisBatch repo = repo(tenant).withTopology(topology);

            Flux.range(0, 64).flatMap(i -> repo.enqueue(svc, "e", "a", "item-" + i), 64)
                    .as(StepVerifier::create).expectNextCount(64).verifyComplete();

            List<String> items = raw.lrange(tenant + ":batch:" + svc + ":e:a", 0, -1);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                expected.add("item-" + i);
            }
            assertThat(items).as(topology.name()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(raw.sismember("pending_batches:" + svc, tenant)).as(topology.name()).isTrue();
            repo.getLength(svc, "e", "a").as(StepVerifier::create).expectNext(64L).verifyComplete();
        }
    }

    @Test
    void getChunkDecodesUntypedWithTheOriginalsRules() {
        String tenant = fixture.tenant();
        String svc = service();
        String list = tenant + ":batch:" + svc + ":e:a";
        raw.rpush(list, "{\"a\": [1, 2]}", "1", "42", "hello", "01234");

        repo(tenant).getChunk(svc, "e", "a").as(StepVerifier::create)
                .expectNext(Map.of("a", List.of(1, 2)), true, 42, "hello", "01234").verifyComplete();
        repo(tenant).getChunk(svc, "e", "a", 1, 2).as(StepVerifier::create)
                .expectNext(true, 42).verifyComplete();
        repo(tenant).getChunk(svc, "e", "a", -2, -1).as(StepVerifier::create)
                .expectNext("hello", "01234").verifyComplete();
        assertThat(raw.llen(list)).as("reading removes nothing").isEqualTo(5L);
    }

    @Test
    void getChunkOfAMissingListIsEmpty() {
        repo(fixture.tenant()).getChunk(service(), "e", "a").as(StepVerifier::create).verifyComplete();
        repo(fixture.tenant()).getChunk(service(), "e", "a", String.class).as(StepVerifier::create)
                .verifyComplete();
    }

    @Test
    void getChunkHonoursBackpressure() {
        String tenant = fixture.tenant();
        String svc = service();
        raw.rpush(tenant + ":batch:" + svc + ":e:a", "a", "b", "c");

        StepVerifier.create(repo(tenant).getChunk(svc, "e", "a"), 0)
                .expectSubscription()
                .thenRequest(1).expectNext("a")
                .thenRequest(2).expectNext("b", "c")
                .verifyComplete();
    }

    @Test
    void typedGetChunkReadsEachItemAsTheType() {
        String tenant = fixture.tenant();
        String svc = service();
        RedisBatch repo = repo(tenant);
        repo.enqueue(svc, "e", "a", new Job("j1", true)).as(StepVerifier::create).expectNext(true).verifyComplete();
        repo.enqueue(svc, "e", "a", new Job("j2", false)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        repo.getChunk(svc, "e", "a", Job.class).as(StepVerifier::create)
                .expectNext(new Job("j1", true), new Job("j2", false)).verifyComplete();
        repo.getChunk(svc, "e", "a", 1, 1, String.class).as(StepVerifier::create)
                .expectNext("{\"id\": \"j2\", \"urgent\": \"0\"}").verifyComplete();
    }

    @Test
    void anUndecodableItemIsCodecExceptionNamingKeyAndPosition() {
        String tenant = fixture.tenant();
        String svc = service();
        String list = tenant + ":batch:" + svc + ":e:a";
        raw.rpush(list, "{\"id\": \"ok\", \"urgent\": \"0\"}", "garbage");

        repo(tenant).getChunk(svc, "e", "a", Job.class).as(StepVerifier::create)
                .expectNext(new Job("ok", false))
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CodecException.class);
                    assertThat(((CodecException) e).key()).isEqualTo(list);
                    assertThat(e.getMessage()).contains(list).contains("item 1");
                });
    }

    @Test
    void aNullItemIsCodecExceptionBecauseAFluxCannotCarryNull() {
        String tenant = fixture.tenant();
        String svc = service();
        String list = tenant + ":batch:" + svc + ":e:a";
        raw.rpush(list, "x", "null");

        repo(tenant).getChunk(svc, "e", "a").as(StepVerifier::create)
                .expectNext("x")
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(CodecException.class);
                    assertThat(e.getMessage()).contains(list).contains("item 1").contains("null");
                });
    }

    @Test
    void getChunkOfAnotherTypeIsRedisCommandException() {
        String tenant = fixture.tenant();
        String svc = service();
        String list = tenant + ":batch:" + svc + ":e:a";
        raw.hset(list, "f", "v");

        repo(tenant).getChunk(svc, "e", "a").as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(((RedisCommandException) e).key()).isEqualTo(list));
        repo(tenant).getLength(svc, "e", "a").as(StepVerifier::create)
                .verifyError(RedisCommandException.class);
        repo(tenant).trim(svc, "e", "a", 0, 0).as(StepVerifier::create)
                .verifyError(RedisCommandException.class);
    }

    @Test
    void trimKeepsTheRangeAndLeavesThePendingSetAlone() {
        String tenant = fixture.tenant();
        String svc = service();
        RedisBatch repo = repo(tenant);
        for (String item : List.of("a", "b", "c", "d")) {
            repo.enqueue(svc, "e", "a", item).as(StepVerifier::create).expectNext(true).verifyComplete();
        }

        repo.trim(svc, "e", "a", 2, -1).as(StepVerifier::create).expectNext(true).verifyComplete();
        assertThat(raw.lrange(tenant + ":batch:" + svc + ":e:a", 0, -1)).containsExactly("c", "d");
        assertThat(raw.ttl(tenant + ":batch:" + svc + ":e:a")).isPositive();

        repo.trim(svc, "e", "a", 1, 0).as(StepVerifier::create).expectNext(true).verifyComplete();
        assertThat(raw.exists(tenant + ":batch:" + svc + ":e:a")).isZero();
        assertThat(raw.sismember("pending_batches:" + svc, tenant)).isTrue();
        repo.trim(svc, "missing", "a", 0, 1).as(StepVerifier::create).expectNext(true).verifyComplete();
    }

    @Test
    void getLengthCountsWaitingItems() {
        String tenant = fixture.tenant();
        String svc = service();
        RedisBatch repo = repo(tenant);
        repo.getLength(svc, "e", "a").as(StepVerifier::create).expectNext(0L).verifyComplete();
        repo.enqueue(svc, "e", "a", "x").as(StepVerifier::create).expectNext(true).verifyComplete();
        repo.enqueue(svc, "e", "a", "y").as(StepVerifier::create).expectNext(true).verifyComplete();

        repo.getLength(svc, "e", "a").as(StepVerifier::create).expectNext(2L).verifyComplete();
        assertThat(raw.llen(tenant + ":batch:" + svc + ":e:a")).isEqualTo(2L);
    }

    @Test
    void pendingTenantsAndRemoveFromPendingWorkOnTheGlobalSet() {
        String svc = service();
        String t1 = fixture.tenant();
        String t2 = fixture.tenant();
        repo(t1).enqueue(svc, "e", "a", 1).as(StepVerifier::create).expectNext(true).verifyComplete();
        repo(t2).enqueue(svc, "e", "a", 1).as(StepVerifier::create).expectNext(true).verifyComplete();

        repo(t1).getPendingTenants(svc).collectList().as(StepVerifier::create)
                .assertNext(tenants -> assertThat(tenants).containsExactlyInAnyOrder(t1, t2)).verifyComplete();

        repo(t1).removeFromPending(svc, t2).as(StepVerifier::create).expectNext(1L).verifyComplete();
        repo(t1).removeFromPending(svc, t2).as(StepVerifier::create).expectNext(0L).verifyComplete();
        assertThat(raw.smembers("pending_batches:" + svc)).containsExactly(t1);
        repo(t1).getPendingTenants(service()).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void pendingSetMethodsUseTheRepositorysPoolUnlikeTheOriginal() {
        backend.assumeStandalone("on a Cluster every pool alias shares DB 0, so the two pools' sets are one");
        String svc = service();
        String tenant = fixture.tenant();
        RedisBatch onUser = repo(tenant).onPool(PoolAliases.USER);
        onUser.enqueue(svc, "e", "a", 1).as(StepVerifier::create).expectNext(true).verifyComplete();

        onUser.getPendingTenants(svc).as(StepVerifier::create).expectNext(tenant).verifyComplete();
        repo(tenant).getPendingTenants(svc).as(StepVerifier::create).verifyComplete();
        assertThat(fixture.raw(PoolAliases.USER).sismember("pending_batches:" + svc, tenant)).isTrue();
        onUser.removeFromPending(svc, tenant).as(StepVerifier::create).expectNext(1L).verifyComplete();
        assertThat(fixture.raw(PoolAliases.USER).exists("pending_batches:" + svc)).isZero();
    }

    @Test
    void theOriginalsConsumerFlowStrandsAnItemEnqueuedBeforeTheRemoval() {
        // Documents defect 5 with the original's three-step protocol, which these methods reproduce one to one;
        // RedisBatchConsumerIntegrationTests shows that claim/ack cannot strand it.
        String tenant = fixture.tenant();
        String svc = service();
        RedisBatch repo = repo(tenant);
        repo.enqueue(svc, "e", "a", "first").as(StepVerifier::create).expectNext(true).verifyComplete();

        repo.getChunk(svc, "e", "a").as(StepVerifier::create).expectNext("first").verifyComplete();
        repo.trim(svc, "e", "a", 1, -1).as(StepVerifier::create).expectNext(true).verifyComplete();
        repo.enqueue(svc, "e", "a", "second").as(StepVerifier::create).expectNext(true).verifyComplete();
        repo.removeFromPending(svc, tenant).as(StepVerifier::create).expectNext(1L).verifyComplete();

        assertThat(raw.llen(tenant + ":batch:" + svc + ":e:a")).isEqualTo(1L);
        assertThat(raw.sismember("pending_batches:" + svc, tenant)).as("stranded").isFalse();
    }

    @Test
    void hostileIdsCannotReachOtherTenantsOrServices() {
        String base = fixture.tenant();
        String victim = base;
        List<String> hostileTenants = List.of(base + "*", base + ":batch", base + "?", base + "[x]", base + "\\",
                base + "{", base + "é🙂");
        String svc = service();
        List<String> hostile = List.of("*", ":", "?", "[", "\\", "{", "}", "é🙂");

        repo(victim).enqueue(svc, "e", "a", "v1").as(StepVerifier::create).expectNext(true).verifyComplete();
        repo(victim).enqueue(svc, "e", "b", "v2").as(StepVerifier::create).expectNext(true).verifyComplete();
        Map<String, String> before = dump(base, svc);

        for (String tenant : hostileTenants) {
            RedisBatch attacker = repo(tenant);
            for (String id : hostile) {
                attacker.getChunk(svc, "e", id).as(StepVerifier::create).verifyComplete();
                attacker.getChunk(id, id, id).as(StepVerifier::create).verifyComplete();
                attacker.getLength(svc, id, "a").as(StepVerifier::create).expectNext(0L).verifyComplete();
                attacker.trim(svc, "e", id, 1, 0).as(StepVerifier::create).expectNext(true).verifyComplete();
                attacker.trim(svc, "e", "a", 1, 0).as(StepVerifier::create).expectNext(true).verifyComplete();
                attacker.claim(svc, id, "a", "c", 10, Duration.ofSeconds(5)).as(StepVerifier::create)
                        .verifyComplete();
                attacker.claim(svc, "e", "a", "c", 10, Duration.ofSeconds(5)).as(StepVerifier::create)
                        .verifyComplete();
                attacker.requeueExpired(svc, "e", id).as(StepVerifier::create).expectNext(0L).verifyComplete();
                attacker.getPendingTenants(id).as(StepVerifier::create).verifyComplete();
            }
        }

        assertThat(dump(base, svc)).isEqualTo(before);
        assertThat(raw.lrange(victim + ":batch:" + svc + ":e:a", 0, -1)).containsExactly("v1");
        assertThat(raw.smembers("pending_batches:" + svc)).containsExactly(victim);
    }

    private static Map<String, String> dump(String tenantPrefix, String svc) {
        return new TreeMap<>(raw.keys("*").stream()
                .filter(key -> key.contains(tenantPrefix) || key.contains(svc))
                .collect(Collectors.toMap(key -> key, key -> raw.type(key) + "=" + switch (raw.type(key)) {
                    case "list" -> raw.lrange(key, 0, -1).toString();
                    case "set" -> new TreeMap<>(raw.smembers(key).stream()
                            .collect(Collectors.toMap(m -> m, m -> ""))).keySet().toString();
                    case "hash" -> new TreeMap<>(raw.hgetall(key)).toString();
                    case "zset" -> raw.zrange(key, 0, -1).toString();
                    default -> String.valueOf(raw.get(key));
                })));
    }
}
