package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.ClusterNode;
import io.symphony.redis.testsupport.LocalRedisCluster;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One runtime on the shared server of a {@link Topology} for a test class (or one invocation of an
 * {@code @OnEveryTopology} class), the repositories built from it as {@link SymphonyRepositories#of(SymphonyRuntime)}
 * builds them (so the Cluster run uses the Cluster layouts of the batch and trigger repositories), raw connections
 * for asserting stored bytes and TTLs, and unique tenants so tests never flush.
 */
final class RepositoryFixture implements AutoCloseable {

    final Topology topology;
    final SymphonyRuntime runtime;
    final RepositorySupport support;
    final SymphonyRepositories repos;

    private RepositoryFixture(Topology topology) {
        this.topology = Objects.requireNonNull(topology, "topology");
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false).build();
        runtime = SymphonyRuntime.create(config).block(Duration.ofSeconds(30));
        support = RepositorySupport.of(runtime.ops(), runtime.codec(), runtime.keys());
        repos = SymphonyRepositories.of(runtime);
    }

    /** Open a fixture on the standalone server (for the classes that only make sense there). */
    RepositoryFixture() {
        this(Topology.STANDALONE);
    }

    /** Open a fixture on {@code topology}. */
    static RepositoryFixture open(Topology topology) {
        return new RepositoryFixture(topology);
    }

    /** A tenant no other test uses. */
    String tenant() {
        return TestRedis.uniqueTenant("t");
    }

    /**
     * Raw commands on the DB of {@code alias}: the alias's numbered DB (from the default table) on standalone, the
     * cluster-aware connection (DB 0, shared by every alias) on the Cluster.
     */
    RedisClusterCommands<String, String> raw(String alias) {
        Integer db = PoolAliases.DEFAULT_DATABASES.get(alias);
        if (db == null) {
            throw new IllegalArgumentException("unknown alias '" + alias + "', known: "
                    + PoolAliases.DEFAULT_DATABASES.keySet());
        }
        return topology.raw(db);
    }

    /** The batch repository of {@code tenant} with this topology's layout. */
    RedisBatch batch(String tenant) {
        return repos.batch(tenant);
    }

    /** The trigger repository of {@code tenant} with this topology's layout. */
    RedisTrigger trigger(String tenant) {
        return repos.trigger(tenant);
    }

    /** The batch layouts that work on this topology: both on standalone, only {@link BatchTopology#CLUSTER} there. */
    List<BatchTopology> topologies() {
        return topology.isCluster() ? List.of(BatchTopology.CLUSTER) : List.of(BatchTopology.values());
    }

    /**
     * On the Cluster, assert that {@code keys} lie on every primary, so that a SCAN that skipped a node would miss
     * some of them; nothing on standalone.
     */
    void assertOnEveryPrimary(Collection<String> keys) {
        onePerPrimary(keys.stream().collect(Collectors.toMap(key -> key, key -> key, (a, b) -> a)));
    }

    /**
     * Pick, of {@code byKey}, one value per primary of the Cluster (asserting that {@code byKey}'s keys reach every
     * primary), in key order; on standalone, the first three values in key order.
     */
    <T> List<T> onePerPrimary(Map<String, T> byKey) {
        List<String> keys = byKey.keySet().stream().sorted().toList();
        if (!topology.isCluster()) {
            return keys.stream().limit(3).map(byKey::get).toList();
        }
        LocalRedisCluster cluster = LocalRedisCluster.shared();
        Set<Integer> primaries = cluster.primaries().stream().map(ClusterNode::port).collect(Collectors.toSet());
        Map<Integer, T> picked = new LinkedHashMap<>();
        for (String key : keys) {
            picked.putIfAbsent(cluster.primaryOf(key).port(), byKey.get(key));
            if (picked.keySet().equals(primaries)) {
                break;
            }
        }
        assertThat(picked.keySet()).as("the primaries holding the test's keys").isEqualTo(primaries);
        return List.copyOf(picked.values());
    }

    @Override
    public void close() {
        runtime.close().block(Duration.ofSeconds(10));
    }
}
