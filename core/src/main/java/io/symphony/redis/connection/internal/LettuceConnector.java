package io.symphony.redis.connection.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.symphony.redis.RuntimeClosedException;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.connection.internal.QuietClose;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.connection.internal.LettuceTls;
import io.symphony.redis.connection.internal.TlsFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creates the Lettuce clients and connections; one standalone client, one cluster client per seed set. */
final class LettuceConnector {

    private static final Logger log = LoggerFactory.getLogger(LettuceConnector.class);

    /**
     * Least time between two topology reloads caused by a failing node (reconnects, MOVED, uncovered slots).
     * Lettuce's default of 30 s kept commands routed to a killed primary for ~9 s after its replica had taken
     * over (measured in the listeners' Cluster failover test); 1 s lets the first reload after the promotion
     * re-route them.
     */
    static final Duration ADAPTIVE_REFRESH_SPACING = Duration.ofSeconds(1);

    /** Topology reload when nothing fails: catches a manual failover or resharding that breaks no connection. */
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(5);

    /**
     * Longest wait of {@link #shutdown()} for the connects in flight to settle before it shuts the clients down. A
     * connect on a reachable server settles in milliseconds; one whose handshake hangs (a server that accepts TCP and
     * never answers) has an active channel by then, which the client's shutdown closes.
     */
    static final Duration CONNECT_SETTLE_GRACE = Duration.ofSeconds(1);

    private final ClientResources resources;
    private final SymphonyRedisConfig config;
    private final RedisClient standalone;
    private final List<RedisClusterClient> clusterClients = new ArrayList<>();
    /** Per seed set: its cluster client once the topology is loaded (loaded once, shared by every connection). */
    private final Map<String, Mono<RedisClusterClient>> clusterTopologies = new LinkedHashMap<>();
    private final AtomicBoolean shutdown = new AtomicBoolean();
    /** Standalone clients of endpoints with TLS options (SSL options are per client in Lettuce). */
    private final Map<TlsOptions, RedisClient> tlsClients = new LinkedHashMap<>();
    /** Connects started and not settled yet (guarded by {@code this} together with {@link #shutdown}). */
    private final Set<CompletableFuture<?>> connecting = ConcurrentHashMap.newKeySet();

    LettuceConnector(ClientResources resources, SymphonyRedisConfig config) {
        this.resources = resources;
        this.config = config;
        this.standalone = RedisClient.create(resources);
        this.standalone.setOptions(customized(ClientOptions.builder()
                .socketOptions(socketOptions())
                .disconnectedBehavior(disconnectedBehavior())
                .timeoutOptions(TimeoutOptions.enabled()))
                .build());
    }

    /** The standalone client for the endpoint's TLS options: one per distinct options, the shared one without. */
    private synchronized RedisClient standalone(PoolEndpoint endpoint) {
        @Nullable TlsOptions tls = endpoint.tls();
        // called by tracked() under this lock after its shutdown check: no client is created after shutdown()
        if (tls == null) {
            return standalone;
        }
        return tlsClients.computeIfAbsent(tls, options -> {
            LettuceTls.warnIfUnverified(endpoint);
            RedisClient client = RedisClient.create(resources);
            client.setOptions(customized(LettuceTls.apply(ClientOptions.builder(), endpoint)
                    .socketOptions(socketOptions())
                    .disconnectedBehavior(disconnectedBehavior())
                    .timeoutOptions(TimeoutOptions.enabled()))
                    .build());
            return client;
        });
    }

    /**
     * Lazily connect to the endpoint; each subscription opens a new connection. A connect still in flight when
     * {@link #shutdown()} runs (its subscriber cancelled) is closed when it completes, so none outlives the clients.
     */
    Mono<StatefulConnection<String, String>> connect(PoolEndpoint endpoint) {
        if (endpoint.cluster()) {
            return Mono.defer(() -> clusterClient(endpoint))
                    .flatMap(client -> tracked(() -> client.connectAsync(StringCodec.UTF8)))
                    .map(connection -> (StatefulConnection<String, String>) connection)
                    .onErrorMap(error -> TlsFailures.translate(endpoint, error));
        }
        RedisURI uri = endpoint.uris().get(0);
        return tracked(() -> standalone(endpoint).connectAsync(StringCodec.UTF8, handshakeBounded(uri)))
                .map(connection -> {
                    connection.setTimeout(uri.getTimeout());
                    return (StatefulConnection<String, String>) connection;
                })
                .onErrorMap(error -> TlsFailures.translate(endpoint, error));
    }

    /**
     * A copy of {@code uri} whose timeout is the connect timeout. Lettuce bounds the handshake after the TCP connect
     * ({@code HELLO}, {@code AUTH}, {@code CLIENT SETNAME}, {@code SELECT}, and the {@code SENTINEL} master lookup)
     * by the URI's timeout, which is the command timeout; a server that accepts TCP and never answers would
     * otherwise fail the connect only after the command timeout. The connection gets the command timeout back once
     * it is established.
     */
    private RedisURI handshakeBounded(RedisURI uri) {
        RedisURI.Builder copy = RedisURI.builder(uri).withTimeout(config.connectTimeout());
        for (RedisURI sentinel : uri.getSentinels()) {
            copy.withSentinel(RedisURI.builder(sentinel).withTimeout(config.connectTimeout()).build());
        }
        if (uri.getSentinelMasterId() != null) {
            copy.withSentinelMasterId(uri.getSentinelMasterId());
        }
        return copy.build();
    }

    /**
     * Start the connect unless the connector is shut down, and remember it until it settles, so that
     * {@link #shutdown()} can wait for it. A cancelled subscriber does not cancel the Lettuce connect (Lettuce cannot
     * abort it; cancelling its future only hides the connection it still opens): the connection is closed when it
     * arrives.
     */
    private <C extends StatefulConnection<String, String>> Mono<C> tracked(Supplier<CompletionStage<C>> connect) {
        return CancelSafeConnect.connect(() -> {
            CompletableFuture<C> future;
            synchronized (this) {
                if (shutdown.get()) {
                    return CompletableFuture.failedFuture(
                            new RuntimeClosedException("Symphony Redis is closed: no connection is opened any more"));
                }
                future = connect.get().toCompletableFuture();
                connecting.add(future);
            }
            future.whenComplete((connection, error) -> connecting.remove(future));
            return closedAfterShutdown(future);
        });
    }

    private <C extends StatefulConnection<String, String>> CompletionStage<C> closedAfterShutdown(
            CompletionStage<C> connecting) {
        // A connection completing before shutdown is registered with its client, whose shutdown closes it; one
        // completing after would be nobody's.
        connecting.thenAccept(connection -> {
            if (shutdown.get()) {
                QuietClose.close(connection).subscribe(null, QuietClose::logLateCloseFailure);
            }
        });
        return connecting;
    }

    private ClientOptions.DisconnectedBehavior disconnectedBehavior() {
        return config.rejectCommandsWhileDisconnected()
                ? ClientOptions.DisconnectedBehavior.REJECT_COMMANDS
                : ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS;
    }

    /**
     * The cluster client of the endpoint's seeds, emitted once its topology is loaded: unlike the blocking
     * {@code connect()}, Lettuce's {@code connectAsync} fails ("Partitions not initialized") until the topology was
     * read from a seed node, which {@code refreshPartitionsAsync} does without blocking. The load runs once per seed
     * set; its failure (no seed answers) fails every connect of that set.
     */
    private synchronized Mono<RedisClusterClient> clusterClient(PoolEndpoint endpoint) {
        if (shutdown.get()) {
            // a client created now would never be shut down
            return Mono.error(new RuntimeClosedException("Symphony Redis is closed: no connection is opened any more"));
        }
        return clusterTopologies.computeIfAbsent(endpoint.targetIdentity(), identity -> {
            RedisClusterClient client = newClusterClient(endpoint);
            clusterClients.add(client);
            return Mono.fromCompletionStage(client::refreshPartitionsAsync).thenReturn(client).cache();
        });
    }

    private RedisClusterClient newClusterClient(PoolEndpoint endpoint) {
        RedisClusterClient client = RedisClusterClient.create(resources, endpoint.uris());
        LettuceTls.warnIfUnverified(endpoint);
        client.setOptions(customized(LettuceTls.apply(ClusterClientOptions.builder(), endpoint)
                .socketOptions(socketOptions())
                .disconnectedBehavior(disconnectedBehavior())
                .timeoutOptions(TimeoutOptions.enabled())
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_SPACING)
                        .enablePeriodicRefresh(PERIODIC_REFRESH)
                        .build()))
                .build());
        return client;
    }

    /** The configuration's client options customizers applied, in order, after the toolkit's own options. */
    private <B extends ClientOptions.Builder> B customized(B builder) {
        for (Consumer<ClientOptions.Builder> customizer : config.clientOptionsCustomizers()) {
            customizer.accept(builder);
        }
        return builder;
    }

    private SocketOptions socketOptions() {
        return SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build();
    }

    /** The cluster-capable reactive view of a standalone or cluster connection. */
    static RedisClusterReactiveCommands<String, String> reactive(StatefulConnection<String, String> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.reactive();
        }
        return ((StatefulRedisConnection<String, String>) connection).reactive();
    }

    /**
     * Shut every client down, closing the connections still open; calling it again completes at once. Connects started
     * later fail, and the connects in flight get up to {@link #CONNECT_SETTLE_GRACE} to settle first: Lettuce's
     * shutdown closes only active channels and then releases the event loops, and a channel whose registration is
     * still queued on an event loop that shuts down is registered after the loop closed its channels, so its socket
     * stays open (a server connection with nobody reading it) and, depending on the timing, an event loop thread
     * outlives the shutdown.
     */
    Mono<Void> shutdown() {
        return Mono.defer(() -> {
            List<RedisClusterClient> clients;
            List<RedisClient> standaloneClients = new ArrayList<>();
            List<CompletableFuture<?>> inFlight;
            synchronized (this) {
                if (!shutdown.compareAndSet(false, true)) {
                    return Mono.empty();
                }
                clients = List.copyOf(clusterClients);
                standaloneClients.addAll(tlsClients.values());
                inFlight = List.copyOf(connecting);
            }
            standaloneClients.add(standalone);
            return settled(inFlight)
                    .thenMany(Flux.concat(Flux.fromIterable(clients).map(LettuceConnector::shutdownLater)))
                    .thenMany(Flux.concat(Flux.fromIterable(standaloneClients).map(LettuceConnector::shutdownLater)))
                    .then();
        });
    }

    /** Completes when every connect settled (a connection that arrives is closed), or after the grace. */
    private Mono<Void> settled(List<CompletableFuture<?>> inFlight) {
        if (inFlight.isEmpty()) {
            return Mono.empty();
        }
        CompletableFuture<?>[] outcomes = inFlight.stream()
                .map(future -> future.handle((connection, error) -> null))
                .toArray(CompletableFuture[]::new);
        Duration grace = config.connectTimeout().compareTo(CONNECT_SETTLE_GRACE) < 0
                ? config.connectTimeout() : CONNECT_SETTLE_GRACE;
        return Mono.fromFuture(CompletableFuture.allOf(outcomes), true)
                .timeout(grace, Mono.fromRunnable(() -> log.debug(
                        "{} of {} connects still in flight after {}; shutting the clients down", connecting.size(),
                        inFlight.size(), grace)));
    }

    private static Mono<Void> shutdownLater(RedisClient client) {
        return Mono.fromCompletionStage(() -> client.shutdownAsync(0, 2, TimeUnit.SECONDS));
    }

    private static Mono<Void> shutdownLater(RedisClusterClient client) {
        return Mono.fromCompletionStage(() -> client.shutdownAsync(0, 2, TimeUnit.SECONDS));
    }
}
