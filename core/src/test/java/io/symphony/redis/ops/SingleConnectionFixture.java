package io.symphony.redis.ops;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.connection.PoolAlias;
import io.symphony.redis.connection.RedisConnections;
import io.symphony.redis.testsupport.TestRedis;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Test-only {@link RedisConnections} over one real Lettuce connection per alias on the shared test server.
 *
 * <p>{@code "default"} uses DB {@value #DEFAULT_DB}, {@code "second"} DB {@value #SECOND_DB} (to show alias
 * routing), and {@code "closed"} a connection that is already closed (to show connection failures).
 */
final class SingleConnectionFixture implements RedisConnections, AutoCloseable {

    static final String DEFAULT = "default";
    static final int DEFAULT_DB = 14;
    static final String SECOND = "second";
    static final int SECOND_DB = 13;
    static final String CLOSED = "closed";

    private final TestRedis redis = TestRedis.shared();
    private final RedisClient client = RedisClient.create();
    private final Map<String, StatefulRedisConnection<String, String>> connections = new LinkedHashMap<>();
    private final Map<String, Integer> dbs = new LinkedHashMap<>();

    private SingleConnectionFixture() {
        connect(DEFAULT, DEFAULT_DB);
        connect(SECOND, SECOND_DB);
        connect(CLOSED, DEFAULT_DB).close();
    }

    static SingleConnectionFixture open() {
        return new SingleConnectionFixture();
    }

    private StatefulRedisConnection<String, String> connect(String alias, int db) {
        RedisURI uri = RedisURI.builder().withHost(redis.host()).withPort(redis.port()).withDatabase(db).build();
        StatefulRedisConnection<String, String> connection = client.connect(uri);
        connections.put(alias, connection);
        dbs.put(alias, db);
        return connection;
    }

    @Override
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        StatefulRedisConnection<String, String> connection = connection(alias);
        return Mono.defer(() -> action.apply(connection.reactive()));
    }

    @Override
    public <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        StatefulRedisConnection<String, String> connection = connection(alias);
        return Flux.defer(() -> action.apply(connection.reactive()));
    }

    private StatefulRedisConnection<String, String> connection(String alias) {
        StatefulRedisConnection<String, String> connection = connections.get(alias);
        if (connection == null) {
            throw new IllegalArgumentException("Unknown alias '" + alias + "', known: " + connections.keySet());
        }
        return connection;
    }

    @Override
    public PoolAlias alias(String alias) {
        connection(alias);
        return new PoolAlias(alias, dbs.get(alias), redis.host() + ":" + redis.port());
    }

    @Override
    public Set<String> aliases() {
        return connections.keySet();
    }

    @Override
    public boolean cluster() {
        return false;
    }

    @Override
    public void close() {
        connections.values().stream().filter(StatefulRedisConnection::isOpen).forEach(StatefulRedisConnection::close);
        client.shutdown();
    }
}
