package io.symphony.redis.ops;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.connection.PoolAlias;
import io.symphony.redis.connection.RedisConnections;
import io.symphony.redis.testsupport.LocalRedisCluster;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Test-only {@link RedisConnections} over one real Lettuce connection per alias, on the shared standalone server or
 * the shared local Cluster.
 *
 * <p>{@code "default"} uses DB {@value #DEFAULT_DB}, {@code "second"} DB {@value #SECOND_DB} (to show alias
 * routing), and {@code "closed"} a connection that is already closed (to show connection failures). On Cluster
 * every alias has its own cluster connection and uses DB 0, as the toolkit does there.
 */
final class SingleConnectionFixture implements RedisConnections, AutoCloseable {

    static final String DEFAULT = "default";
    static final int DEFAULT_DB = 14;
    static final String SECOND = "second";
    static final int SECOND_DB = 13;
    static final String CLOSED = "closed";

    private final Topology topology;
    private final Map<String, StatefulConnection<String, String>> connections = new LinkedHashMap<>();
    private final Map<String, Integer> dbs = new LinkedHashMap<>();
    private final RedisClient standalone = RedisClient.create();
    private RedisClusterClient cluster;

    private SingleConnectionFixture(Topology topology) {
        this.topology = topology;
        connect(DEFAULT, DEFAULT_DB);
        connect(SECOND, SECOND_DB);
        connect(CLOSED, DEFAULT_DB).close();
    }

    static SingleConnectionFixture open(Topology topology) {
        return new SingleConnectionFixture(topology);
    }

    private StatefulConnection<String, String> connect(String alias, int db) {
        StatefulConnection<String, String> connection = topology.isCluster() ? connectCluster() : connectNode(db);
        connections.put(alias, connection);
        dbs.put(alias, topology.isCluster() ? 0 : db);
        return connection;
    }

    private StatefulRedisConnection<String, String> connectNode(int db) {
        TestRedis redis = TestRedis.shared();
        return standalone.connect(RedisURI.builder().withHost(redis.host()).withPort(redis.port())
                .withDatabase(db).build());
    }

    private StatefulRedisClusterConnection<String, String> connectCluster() {
        if (cluster == null) {
            List<RedisURI> seeds = LocalRedisCluster.shared().nodes().stream()
                    .map(node -> RedisURI.create(node.host(), node.port())).toList();
            cluster = RedisClusterClient.create(seeds);
        }
        return cluster.connect();
    }

    @Override
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        RedisClusterReactiveCommands<String, String> commands = commands(alias);
        return Mono.defer(() -> action.apply(commands));
    }

    @Override
    public <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        RedisClusterReactiveCommands<String, String> commands = commands(alias);
        return Flux.defer(() -> action.apply(commands));
    }

    private RedisClusterReactiveCommands<String, String> commands(String alias) {
        StatefulConnection<String, String> connection = connections.get(alias);
        if (connection == null) {
            throw new IllegalArgumentException("Unknown alias '" + alias + "', known: " + connections.keySet());
        }
        return connection instanceof StatefulRedisClusterConnection<String, String> clustered
                ? clustered.reactive()
                : ((StatefulRedisConnection<String, String>) connection).reactive();
    }

    @Override
    public PoolAlias alias(String alias) {
        commands(alias);
        return new PoolAlias(alias, dbs.get(alias), topology.url());
    }

    @Override
    public Set<String> aliases() {
        return connections.keySet();
    }

    @Override
    public boolean cluster() {
        return topology.isCluster();
    }

    @Override
    public void close() {
        connections.values().stream().filter(StatefulConnection::isOpen).forEach(StatefulConnection::close);
        standalone.shutdown();
        if (cluster != null) {
            cluster.shutdown();
        }
    }
}
