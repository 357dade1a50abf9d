package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.symphony.redis.RedisConnectException;
import io.symphony.redis.RuntimeClosedException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@OnEveryTopology
class SymphonyRuntimeIntegrationTests {

    @Parameter
    Topology topology;

    private SymphonyRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close().block(Duration.ofSeconds(10));
        }
    }

    private SymphonyRuntime start(SymphonyRedisConfig config) {
        runtime = SymphonyRuntime.create(config).block(Duration.ofSeconds(10));
        return runtime;
    }

    private static String uniqueKey() {
        return "rt-test:" + UUID.randomUUID();
    }

    @Test
    void eachAliasWritesIntoItsOwnDatabase() {
        topology.assumeStandalone("numbered DBs; clusterUrl_everyAliasUsesDb0_andSharesOneTarget is the Cluster twin");
        TestRedis redis = TestRedis.shared();
        start(SymphonyRedisConfig.builder().url(redis.uri()).keyspaceEvents(false).build());
        String key = uniqueKey();

        Flux.fromIterable(PoolAliases.DEFAULT_DATABASES.keySet())
                .concatMap(alias -> runtime.connections().withCommands(alias, c -> c.set(key, alias)))
                .as(StepVerifier::create)
                .expectNextCount(6)
                .verifyComplete();

        PoolAliases.DEFAULT_DATABASES.forEach((alias, db) -> {
            assertThat(redis.sync(db).get(key)).as("DB %d holds the value of alias %s", db, alias).isEqualTo(alias);
            redis.sync(db).del(key);
        });
    }

    @Test
    void clusterUrl_everyAliasUsesDb0_andSharesOneTarget() {
        topology.assumeCluster("the standalone twin is eachAliasWritesIntoItsOwnDatabase");
        start(SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false).build());
        String key = uniqueKey();

        assertThat(runtime.connections().cluster()).isTrue();
        assertThat(runtime.connectionTargets()).as("six aliases, one cluster, DB 0: one target").isEqualTo(1);
        Flux.fromIterable(PoolAliases.DEFAULT_DATABASES.keySet())
                .doOnNext(alias -> assertThat(runtime.connections().alias(alias).db()).as(alias).isZero())
                .concatMap(alias -> runtime.connections().withCommands(alias, c -> c.set(key + ":" + alias, alias)))
                .as(StepVerifier::create)
                .expectNextCount(6)
                .verifyComplete();

        for (String alias : PoolAliases.DEFAULT_DATABASES.keySet()) {
            assertThat(topology.raw(0).get(key + ":" + alias)).isEqualTo(alias);
            topology.raw(0).del(key + ":" + alias);
        }
    }

    @Test
    void standaloneUrl_isNotCluster() {
        topology.assumeStandalone("the Cluster twin is clusterUrl_everyAliasUsesDb0_andSharesOneTarget");
        start(SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false).build());

        assertThat(runtime.connections().cluster()).isFalse();
    }

    @Test
    void aliasesOnOneServerAndDatabase_shareOneTarget_withOneConnectionUnderShared() {
        topology.assumeStandalone("counts CLIENT LIST of one server for a URL naming DB 3");
        TestRedis redis = TestRedis.shared();
        String url = redis.uri(3);
        Map<String, String> perAlias = PoolAliases.DEFAULT_DATABASES.keySet().stream()
                .collect(Collectors.toMap(a -> a, a -> url));
        String clientName = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        start(SymphonyRedisConfig.builder().aliasUrls(perAlias).clientName(clientName).keyspaceEvents(false)
                .connectionStrategy(ConnectionStrategy.SHARED).build());

        assertThat(runtime.connectionTargets()).isEqualTo(1);
        assertThat(countClients(clientName)).isEqualTo(1);
    }

    @Test
    void defaultTable_opensTwoSharedConnectionsPerDatabase_andNoPingPerCommand() {
        topology.assumeStandalone("one connection per numbered DB, counted in CLIENT LIST of one server");
        TestRedis redis = TestRedis.shared();
        String clientName = "table-" + UUID.randomUUID().toString().substring(0, 8);
        start(SymphonyRedisConfig.builder().url(redis.uri()).clientName(clientName).keyspaceEvents(false).build());
        long pingsBefore = commandCalls("ping");

        Flux.range(0, 50)
                .flatMap(i -> runtime.connections().withCommands("user", c -> c.exists("nothing-" + i)), 8)
                .as(StepVerifier::create)
                .expectNextCount(50)
                .verifyComplete();

        assertThat(runtime.connectionTargets()).isEqualTo(6);
        assertThat(countClients(clientName)).isEqualTo(6 * SymphonyRedisConfig.DEFAULT_SHARED_CONNECTIONS);
        assertThat(commandCalls("ping") - pingsBefore).isLessThan(5);
    }

    @Test
    void unknownAlias_failsNamingItAndTheKnownAliases() {
        start(SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false).build());

        assertThatThrownBy(() -> runtime.connections().withCommands("usr", c -> c.get("k")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'usr'")
                .hasMessageContaining("[default, user, handlers, symphony_shared_state, expiry, pubsub]");
    }

    @Test
    void close_isIdempotent_andUseAfterCloseFailsClearly() {
        start(SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false).build());
        Mono<String> assembledBeforeClose = runtime.connections().withCommands("default", c -> c.get("k"));

        runtime.close().as(StepVerifier::create).verifyComplete();
        runtime.close().as(StepVerifier::create).verifyComplete();

        assembledBeforeClose.as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(RuntimeClosedException.class)
                        .hasMessage("Symphony Redis is closed: no command can run on pool 'default'"));
        assertThatThrownBy(runtime::bridge).isInstanceOf(RuntimeClosedException.class);
        assertThatThrownBy(runtime::toolScheduler).isInstanceOf(RuntimeClosedException.class);
        assertThat(runtime.isClosed()).isTrue();
    }

    @Test
    void useAfterClose_signalsRuntimeClosed_onEveryPath() {
        start(SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false).build());
        var bridge = runtime.bridge();
        var ops = runtime.ops();
        String key = uniqueKey();
        // BLPOP waits 5 s server-side: the close cuts it off while it runs.
        Mono<?> inFlight = runtime.connections().withCommands("default", c -> c.blpop(5, key));

        // Close only once the server runs the BLPOP: a close that wins the race against the command's write (on
        // Cluster, against the lazy connect to the key's node) fails it only after the command timeout.
        inFlight.as(StepVerifier::create)
                .then(() -> await().atMost(Duration.ofSeconds(10))
                        .until(() -> blockedClients(topology.nodeOf(key, 15).info("clients")) > 0))
                .then(() -> runtime.close().block(Duration.ofSeconds(10)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RuntimeClosedException.class)
                        .hasMessage("Symphony Redis is closed: no command can run on pool 'default'"))
                .verify(Duration.ofSeconds(10));
        ops.onPool("default").get(key).as(StepVerifier::create)
                .expectError(RuntimeClosedException.class)
                .verify(Duration.ofSeconds(5));
        bridge.run(tool -> "never").as(StepVerifier::create)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RuntimeClosedException.class)
                        .hasMessageContaining("closed"))
                .verify(Duration.ofSeconds(5));
        assertThatThrownBy(runtime::agentScheduler).isInstanceOf(RuntimeClosedException.class)
                .hasMessage("Symphony Redis runtime is closed");
    }

    @Test
    void unreachableServer_failsCreateNamingAliasWithoutPassword() {
        String scheme = topology.isCluster() ? "redis-cluster" : "redis";
        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .url(scheme + "://bob:hunter2@127.0.0.1:" + unusedPort())
                .connectTimeout(Duration.ofSeconds(2)).keyspaceEvents(false).build();

        SymphonyRuntime.create(config).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(RedisConnectException.class)
                        .hasMessageContaining("Could not connect pool")
                        .hasMessageContaining("bob:***@")
                        .hasMessageNotContaining("hunter2"));
    }

    @Test
    void pooledStrategy_servesConcurrentCallersWithExclusiveConnections() {
        topology.assumeStandalone("MULTI/EXEC needs a connection to one node; Cluster commands are routed per key");
        TestRedis redis = TestRedis.shared();
        start(SymphonyRedisConfig.builder().url(redis.uri()).connectionStrategy(ConnectionStrategy.POOLED)
                .poolSize(2).keyspaceEvents(false).build());
        String key = uniqueKey();

        // MULTI/EXEC on a borrowed connection: nobody else's command can slip into the transaction.
        Flux.range(0, 200)
                .flatMap(i -> runtime.connections().withCommands("default", cluster -> {
                    RedisReactiveCommands<String, String> c = (RedisReactiveCommands<String, String>) cluster;
                    // zip subscribes in order without waiting: INCR, INCR, EXEC are sent back to back.
                    return c.multi()
                            .then(Mono.zip(c.incr(key), c.incr(key), c.exec()))
                            .map(queued -> queued.getT2() - queued.getT1());
                }), 64)
                .as(StepVerifier::create)
                .recordWith(java.util.ArrayList::new)
                .expectNextCount(200)
                .consumeRecordedWith(deltas -> assertThat(deltas).containsOnly(1L))
                .verifyComplete();

        assertThat(redis.sync(15).get(key)).isEqualTo("400");
        redis.sync(15).del(key);
    }

    @Test
    void pooledStrategy_returnsConnectionsOnCancelAndError() {
        start(SymphonyRedisConfig.builder().url(topology.url()).connectionStrategy(ConnectionStrategy.POOLED)
                .poolSize(1).keyspaceEvents(false).build());

        runtime.connections().withCommands("default", c -> Mono.never())
                .as(StepVerifier::create).thenAwait(Duration.ofMillis(50)).thenCancel().verify();
        runtime.connections().withCommands("default", c -> c.hget("not-a-hash-" + UUID.randomUUID(), "f")
                        .then(Mono.error(new IllegalStateException("boom"))))
                .as(StepVerifier::create).verifyErrorMessage("boom");

        runtime.connections().withCommands("default", c -> c.ping())
                .as(StepVerifier::create).expectNext("PONG").verifyComplete();
    }

    @Test
    void pooledStrategy_scanBorrowsPerPage_evenWithPerKeyCommandsOnOneConnection() {
        start(SymphonyRedisConfig.builder().url(topology.url()).connectionStrategy(ConnectionStrategy.POOLED)
                .poolSize(1).keyspaceEvents(false).build());
        String prefix = uniqueKey();
        RedisClusterCommands<String, String> raw = topology.raw(15);
        for (int i = 0; i < 300; i++) {
            raw.set(prefix + ":" + i, "v" + i);
        }
        assertThat(java.util.stream.IntStream.range(0, 30).mapToObj(i -> topology.nodeAddressOf(prefix + ":" + i))
                .distinct().count()).as("nodes holding the keys").isEqualTo(topology.primaries().size());

        runtime.ops().scanKeys(prefix + ":*", 20).distinct().count()
                .as(StepVerifier::create)
                .expectNext(300L)
                .expectComplete()
                .verify(Duration.ofSeconds(20));
        // GETs on the same single-connection pool for each scanned key: pages must not hold the connection while
        // they wait for demand (expand subscribes ahead), or the walk and the GETs wait on each other forever.
        runtime.ops().scanKeys(prefix + ":*", 20)
                .flatMap(key -> runtime.ops().get(key), 4)
                .count()
                .as(StepVerifier::create)
                .expectNext(300L)
                .expectComplete()
                .verify(Duration.ofSeconds(20));

        raw.del(java.util.stream.IntStream.range(0, 300).mapToObj(i -> prefix + ":" + i).toArray(String[]::new));
    }

    private static long countClients(String clientName) {
        return List.of(TestRedis.shared().sync(0).clientList().split("\n")).stream()
                .filter(line -> line.contains("name=" + clientName + " ")).count();
    }

    private static long blockedClients(String clientsInfo) {
        return clientsInfo.lines().filter(l -> l.startsWith("blocked_clients:")).findFirst()
                .map(l -> Long.parseLong(l.substring("blocked_clients:".length()).trim())).orElse(0L);
    }

    private static long commandCalls(String command) {
        String info = TestRedis.shared().sync(0).info("commandstats");
        return info.lines().filter(l -> l.startsWith("cmdstat_" + command + ":")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll(".*calls=(\\d+).*", "$1"))).orElse(0L);
    }

    private static int unusedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
