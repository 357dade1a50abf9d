package io.symphony.redis.connection;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.resource.ClientResources;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.PoolEndpoint;
import io.symphony.redis.config.SymphonyRedisConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Opens and owns the connections of every pool alias: aliases that resolve to the same (server, DB) share one
 * target, so six aliases on one server with the default DB table need six connections, and six aliases on one
 * server and one DB need exactly one.
 *
 * <p>Created with {@link #open(SymphonyRedisConfig, ClientResources)}, which connects every distinct target
 * before it emits, so a wrong URL or an unreachable server fails start-up rather than the first command. No PING
 * precedes commands (the original sends one per call). After {@link #closeLater()} every publisher obtained from
 * this manager fails with {@link IllegalStateException}. The {@link ClientResources} passed in are not shut down.
 *
 * @since 0.1
 */
public final class ConnectionManager implements RedisConnections {

    private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);

    private final Map<String, PoolAlias> aliases;
    private final Map<String, ConnectionTarget> targetsByAlias;
    private final Map<String, ConnectionTarget> distinctTargets;
    private final LettuceConnector connector;
    private final boolean cluster;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ConnectionManager(Map<String, PoolAlias> aliases, Map<String, ConnectionTarget> targetsByAlias,
            Map<String, ConnectionTarget> distinctTargets, LettuceConnector connector, boolean cluster) {
        this.aliases = aliases;
        this.targetsByAlias = targetsByAlias;
        this.distinctTargets = distinctTargets;
        this.connector = connector;
        this.cluster = cluster;
    }

    /**
     * Connect every distinct target of the configuration.
     *
     * @return the manager once all targets are connected; on failure, the connections already opened are closed
     *     and the error names the alias and redacted URL that failed
     */
    public static Mono<ConnectionManager> open(SymphonyRedisConfig config, ClientResources resources) {
        return Mono.defer(() -> {
            LettuceConnector connector = new LettuceConnector(resources, config);
            Map<String, PoolEndpoint> byIdentity = new LinkedHashMap<>();
            for (PoolEndpoint endpoint : config.pools()) {
                byIdentity.putIfAbsent(endpoint.targetIdentity(), endpoint);
            }
            Map<String, ConnectionTarget> opened = Collections.synchronizedMap(new LinkedHashMap<>());
            AtomicReference<@Nullable Throwable> firstFailure = new AtomicReference<>();
            // Every target is attempted to the end (no cancellation mid-connect, which would leak the connection
            // Lettuce completes later); the first failure is reported and everything opened is closed.
            return Flux.fromIterable(byIdentity.entrySet())
                    .flatMap(entry -> openTarget(connector, config, entry.getValue())
                            .doOnNext(target -> opened.put(entry.getKey(), target))
                            .onErrorResume(error -> {
                                firstFailure.compareAndSet(null, error);
                                return Mono.empty();
                            }), 4)
                    .then(Mono.defer(() -> {
                        Throwable failure = firstFailure.get();
                        return failure == null
                                ? Mono.just(assemble(config, connector, opened))
                                : closeAll(opened.values(), connector).then(Mono.<ConnectionManager>error(failure));
                    }));
        });
    }

    private static Mono<ConnectionTarget> openTarget(LettuceConnector connector, SymphonyRedisConfig config,
            PoolEndpoint endpoint) {
        Mono<ConnectionTarget> target = config.connectionStrategy() == ConnectionStrategy.POOLED
                ? new PooledTarget(connector.connect(endpoint), config.poolSize()).warmUp().cast(ConnectionTarget.class)
                : connector.connect(endpoint).map(SharedTarget::new);
        return target.onErrorMap(error -> new IllegalStateException("Could not connect pool '" + endpoint.alias()
                + "' to " + endpoint.redactedUrl() + " db " + endpoint.db() + ": " + error.getMessage(), error));
    }

    private static ConnectionManager assemble(SymphonyRedisConfig config, LettuceConnector connector,
            Map<String, ConnectionTarget> opened) {
        Map<String, PoolAlias> aliases = new LinkedHashMap<>();
        Map<String, ConnectionTarget> byAlias = new LinkedHashMap<>();
        boolean cluster = false;
        for (PoolEndpoint endpoint : config.pools()) {
            aliases.put(endpoint.alias(), new PoolAlias(endpoint.alias(), endpoint.db(), endpoint.redactedUrl()));
            byAlias.put(endpoint.alias(), opened.get(endpoint.targetIdentity()));
            cluster |= endpoint.cluster();
        }
        log.info("Symphony Redis connected {} alias(es) over {} {} target(s): {}", aliases.size(), opened.size(),
                config.connectionStrategy(), aliases.values());
        return new ConnectionManager(Collections.unmodifiableMap(aliases), byAlias,
                new LinkedHashMap<>(opened), connector, cluster);
    }

    @Override
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        ConnectionTarget target = target(alias);
        return Mono.defer(() -> closed.get() ? Mono.error(closedError(alias)) : target.withCommands(action));
    }

    @Override
    public <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        ConnectionTarget target = target(alias);
        return Flux.defer(() -> closed.get() ? Flux.error(closedError(alias)) : target.withCommandsMany(action));
    }

    @Override
    public PoolAlias alias(String alias) {
        target(alias);
        // every alias with a target has its PoolAlias: assemble() fills both maps from the same endpoints
        return Objects.requireNonNull(aliases.get(alias), alias);
    }

    @Override
    public Set<String> aliases() {
        return aliases.keySet();
    }

    @Override
    public boolean cluster() {
        return cluster;
    }

    /** Number of distinct physical targets (connections with the shared strategy, pools with the pooled one). */
    public int targetCount() {
        return distinctTargets.size();
    }

    /** Whether {@link #closeLater()} has been called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Close every connection and shut the Lettuce clients down. Calling it again completes at once.
     *
     * @return completes when everything is closed
     */
    public Mono<Void> closeLater() {
        return Mono.defer(() -> closed.compareAndSet(false, true)
                ? closeAll(distinctTargets.values(), connector)
                : Mono.empty());
    }

    private static Mono<Void> closeAll(Iterable<ConnectionTarget> targets, LettuceConnector connector) {
        return Flux.fromIterable(targets)
                .flatMap(ConnectionTarget::close, 4)
                .then(connector.shutdown());
    }

    private ConnectionTarget target(String alias) {
        ConnectionTarget target = targetsByAlias.get(alias);
        if (target == null) {
            throw new IllegalArgumentException("Unknown Redis pool alias '" + alias + "'; known aliases: "
                    + aliases.keySet());
        }
        return target;
    }

    private static IllegalStateException closedError(String alias) {
        return new IllegalStateException("Symphony Redis is closed: no command can run on pool '" + alias + "'");
    }
}
