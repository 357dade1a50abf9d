package io.symphony.redis.connection.internal;

import io.symphony.redis.config.internal.ConfigAccess;
import io.symphony.redis.connection.PoolAlias;
import io.symphony.redis.connection.RedisConnections;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.resource.ClientResources;
import io.symphony.redis.RedisConnectException;
import io.symphony.redis.RuntimeClosedException;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.connection.internal.ReleaseScope;
import io.symphony.redis.connection.ConnectionObserver;
import io.symphony.redis.connection.RedisTarget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Opens and owns the connections of every pool alias: aliases that resolve to the same (server, DB) share one
 * target, so six aliases on one server with the default DB table need six connections, and six aliases on one
 * server and one DB need exactly one.
 *
 * <p>Created with {@link #open(SymphonyRedisConfig, ClientResources)}, which connects every distinct target
 * before it emits, so a wrong URL or an unreachable server fails start-up rather than the first command, with a
 * {@link RedisConnectException} that names the alias, the redacted URL and the cause. No PING precedes commands
 * (the original sends one per call). After {@link #closeLater()} every publisher obtained from this manager fails
 * with {@link RuntimeClosedException}. The {@link ClientResources} passed in are not shut down.
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
    private final Observation observation;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ConnectionManager(Map<String, PoolAlias> aliases, Map<String, ConnectionTarget> targetsByAlias,
            Map<String, ConnectionTarget> distinctTargets, LettuceConnector connector, boolean cluster,
            Observation observation) {
        this.aliases = aliases;
        this.targetsByAlias = targetsByAlias;
        this.distinctTargets = distinctTargets;
        this.connector = connector;
        this.cluster = cluster;
        this.observation = observation;
    }

    /** The configured observer, the targets it sees and the event-bus subscription that feeds it. */
    private record Observation(ConnectionObserver observer, List<RedisTarget> targets, Disposable events) {

        static Observation start(ReleaseScope scope, SymphonyRedisConfig config, ClientResources resources,
                Map<String, ObservedTarget> targets) {
            ConnectionObserver observer = config.connectionObserver();
            if (observer == ConnectionObserver.NOOP) {
                return new Observation(observer, List.of(), Disposables.disposed());
            }
            List<RedisTarget> observed = List.copyOf(targets.values());
            ConnectionEventsWatcher.safely(() -> observer.opening(observed));
            Observation observation = new Observation(observer, observed,
                    ConnectionEventsWatcher.watch(resources.eventBus(), targets.values(), observer));
            // A failed or cancelled open ends the observation too; once open, the manager's close does.
            return scope.track(observation, opened -> Mono.fromRunnable(opened::close));
        }

        void close() {
            if (observer != ConnectionObserver.NOOP) {
                events.dispose();
                ConnectionEventsWatcher.safely(() -> observer.closed(targets));
            }
        }
    }

    /**
     * Connect every distinct target of the configuration.
     *
     * <p>Cancel-safe: cancelling the returned {@code Mono} (or a {@code timeout} upstream of it) before it emits
     * closes every connection opened so far, aborts the connects in flight and shuts the Lettuce clients down.
     *
     * @return the manager once all targets are connected; on failure, the connections already opened are closed
     *     and the error is a {@link RedisConnectException} naming the alias, the redacted URL and the cause
     *     (authentication failed, timed out after the connect timeout, connection refused, unknown host)
     */
    public static Mono<ConnectionManager> open(SymphonyRedisConfig config, ClientResources resources) {
        return ReleaseScope.open(scope -> {
            LettuceConnector connector = scope.track(new LettuceConnector(resources, config), LettuceConnector::shutdown);
            Map<String, ObservedTarget> observed = ObservedTarget.of(config);
            Observation observation = Observation.start(scope, config, resources, observed);
            Map<String, PoolEndpoint> byIdentity = new LinkedHashMap<>();
            for (PoolEndpoint endpoint : ConfigAccess.pools(config)) {
                byIdentity.putIfAbsent(endpoint.targetIdentity(), endpoint);
            }
            Map<String, ConnectionTarget> opened = Collections.synchronizedMap(new LinkedHashMap<>());
            AtomicReference<@Nullable Throwable> firstFailure = new AtomicReference<>();
            // Every target is attempted to the end; the first failure is reported, and the scope closes everything.
            // All targets connect at once (their number is bounded by the configured aliases): in waves, a server
            // that never answers would fail start-up only after one connect timeout per wave.
            return Flux.fromIterable(byIdentity.entrySet())
                    .flatMap(entry -> openTarget(scope, connector, config, entry.getValue(),
                                    Objects.requireNonNull(observed.get(entry.getKey())), observation.observer())
                            .doOnNext(target -> opened.put(entry.getKey(), target))
                            .onErrorResume(error -> {
                                firstFailure.compareAndSet(null, error);
                                return Mono.empty();
                            }), Math.max(1, byIdentity.size()))
                    .then(Mono.defer(() -> {
                        Throwable failure = firstFailure.get();
                        return failure == null
                                ? Mono.just(assemble(config, connector, opened, observation))
                                : Mono.<ConnectionManager>error(failure);
                    }));
        });
    }

    private static Mono<ConnectionTarget> openTarget(ReleaseScope scope, LettuceConnector connector,
            SymphonyRedisConfig config, PoolEndpoint endpoint, ObservedTarget observed, ConnectionObserver observer) {
        Mono<ConnectionTarget> target = switch (config.connectionStrategy()) {
            case POOLED -> Mono.defer(() -> scope.track(new PooledTarget(connector.connect(endpoint), config,
                    observed, observer), PooledTarget::close).warmUp());
            case SHARED_ROUND_ROBIN -> RoundRobinSharedTarget.open(connector, endpoint, config.sharedConnections())
                    .map(opened -> scope.track(opened, ConnectionTarget::close));
            case SHARED -> connector.connect(endpoint).map(connection -> scope.track(new SharedTarget(connection),
                    SharedTarget::close));
        };
        return target.onErrorMap(error -> ConnectFailures.describe(endpoint, config.connectTimeout(), error));
    }

    private static ConnectionManager assemble(SymphonyRedisConfig config, LettuceConnector connector,
            Map<String, ConnectionTarget> opened, Observation observation) {
        Map<String, PoolAlias> aliases = new LinkedHashMap<>();
        Map<String, ConnectionTarget> byAlias = new LinkedHashMap<>();
        boolean cluster = false;
        for (PoolEndpoint endpoint : ConfigAccess.pools(config)) {
            aliases.put(endpoint.alias(), new PoolAlias(endpoint.alias(), endpoint.db(), endpoint.redactedUrl()));
            byAlias.put(endpoint.alias(), opened.get(endpoint.targetIdentity()));
            cluster |= endpoint.cluster();
        }
        log.info("Symphony Redis connected {} alias(es) over {} {} target(s): {}", aliases.size(), opened.size(),
                config.connectionStrategy(), aliases.values());
        return new ConnectionManager(Collections.unmodifiableMap(aliases), byAlias,
                new LinkedHashMap<>(opened), connector, cluster, observation);
    }

    @Override
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        return withCommands(alias, action, Function.identity());
    }

    /**
     * {@link #withCommands(String, Function)} with {@code translate} applied to every error after the manager's own
     * mapping, in the same operator: the command layer's translation without a second subscriber.
     */
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action,
            Function<? super Throwable, ? extends Throwable> translate) {
        return ManagedCommandMono.of(this, alias, target(alias), action, translate);
    }

    @Override
    public <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        ConnectionTarget target = target(alias);
        return Flux.defer(() -> closed.get() ? Flux.error(closedError(alias))
                        : target.withCommandsMany(alias, action))
                .onErrorMap(error -> closedWhileRunning(alias, error));
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
                ? closeAll(distinctTargets.values(), connector).doFinally(signal -> observation.close())
                : Mono.empty());
    }

    private static Mono<Void> closeAll(Iterable<ConnectionTarget> targets, LettuceConnector connector) {
        return Flux.fromIterable(targets)
                .flatMap(ConnectionTarget::close, 4)
                .then(connector.shutdown());
    }

    ConnectionTarget target(String alias) {
        ConnectionTarget target = targetsByAlias.get(alias);
        if (target == null) {
            throw new IllegalArgumentException("Unknown Redis pool alias '" + alias + "'; known aliases: "
                    + aliases.keySet());
        }
        return target;
    }

    /** A command the close cut off (its connection closed under it) fails as closed, not as a Redis error. */
    Throwable closedWhileRunning(String alias, Throwable error) {
        if (!closed.get() || error instanceof RuntimeClosedException) {
            return error;
        }
        return new RuntimeClosedException(closedMessage(alias), error);
    }

    static RuntimeClosedException closedError(String alias) {
        return new RuntimeClosedException(closedMessage(alias));
    }

    private static String closedMessage(String alias) {
        return "Symphony Redis is closed: no command can run on pool '" + alias + "'";
    }
}
