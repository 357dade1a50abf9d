package io.symphony.redis.runtime;

import io.symphony.redis.runtime.internal.KeyspaceEventsBootstrap;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.symphony.redis.RedisConnectException;
import io.symphony.redis.RuntimeClosedException;
import io.symphony.redis.codec.RedisValueCodec;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.connection.internal.ConnectionManager;
import io.symphony.redis.connection.RedisConnections;
import io.symphony.redis.connection.internal.ReleaseScope;
import io.symphony.redis.context.BlockingBridge;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.ops.RedisOps;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one entry point of the toolkit (the original's {@code GlobalSymphony}, but an ordinary object: create as
 * many as you need, for example one per test). It owns the Lettuce client resources, the connections of every pool
 * alias, and the bounded schedulers for blocking tools, agents and user work, and shuts them all down with
 * {@link #close()}.
 *
 * <p>{@link #create(SymphonyRedisConfig)} connects every distinct (server, DB) before it emits, then, if keyspace
 * events are enabled, ensures {@code notify-keyspace-events} holds the configured flags (adding, never removing;
 * one warning when {@code CONFIG} is refused); on Redis Cluster it does so on every node, primaries and replicas,
 * because {@code CONFIG} acts on one node only. Everything obtained from a closed runtime fails with
 * {@link RuntimeClosedException}.
 *
 * <p><b>Cancellation.</b> {@code create} is cancel-safe: when its {@code Mono} is cancelled, or times out
 * ({@code create(config).timeout(Duration.ofSeconds(5)).retry()}), before it emits, everything it opened so far is
 * released (schedulers, connections, connects in flight, Lettuce clients and the client resources it created, with
 * their threads), as on a failure. Once it emits, the runtime owns all of it until {@link #close()}.
 *
 * @since 0.1
 */
public final class SymphonyRuntime {

    private static final Logger log = LoggerFactory.getLogger(SymphonyRuntime.class);
    private static final int SCHEDULER_QUEUE = 100_000;

    private final SymphonyRedisConfig config;
    private final ConnectionManager connections;
    private final RedisOps ops;
    private final RedisValueCodec codec;
    private final KeyFactory keys;
    private final ClientResources resources;
    private final @Nullable ClientResources ownedResources;
    private final Scheduler toolScheduler;
    private final Scheduler agentScheduler;
    private final Scheduler userScheduler;
    private final BlockingBridge bridge;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SymphonyRuntime(SymphonyRedisConfig config, ConnectionManager connections, Extensions extensions,
            ClientResources resources, @Nullable ClientResources ownedResources) {
        this.config = config;
        this.connections = connections;
        this.ops = RedisOps.create(connections);
        this.codec = extensions.codec();
        this.keys = extensions.keys();
        this.resources = resources;
        this.ownedResources = ownedResources;
        this.toolScheduler = Schedulers.newBoundedElastic(config.workersTool(), SCHEDULER_QUEUE, "symphony-tool");
        this.agentScheduler = Schedulers.newBoundedElastic(config.workersAgent(), SCHEDULER_QUEUE, "symphony-agent");
        this.userScheduler = Schedulers.newBoundedElastic(config.workersUser(), SCHEDULER_QUEUE, "symphony-user");
        this.bridge = new BlockingBridge(toolScheduler, config.commandTimeout());
    }

    /**
     * Create a runtime with its own Lettuce client resources.
     *
     * @return the runtime once every alias is connected; fails with {@link RedisConnectException} naming the
     *     alias, the redacted URL and the cause (authentication failed, timed out after the connect timeout,
     *     connection refused, unknown host) when one cannot connect
     */
    public static Mono<SymphonyRuntime> create(SymphonyRedisConfig config) {
        return create(config, RedisValueCodec.defaults(), KeyFactory.defaults());
    }

    /**
     * Create a runtime with its own Lettuce client resources, a custom codec (for example on your own
     * {@code JsonMapper}) and a custom key factory (prefixes, hash tags for Redis Cluster).
     */
    public static Mono<SymphonyRuntime> create(SymphonyRedisConfig config, RedisValueCodec codec, KeyFactory keys) {
        Objects.requireNonNull(config, "config");
        Extensions extensions = new Extensions(codec, keys);
        return ReleaseScope.open(scope -> {
            ClientResources resources = scope.track(ownResources(config), SymphonyRuntime::shutdown);
            return open(scope, config, resources, extensions, resources);
        });
    }

    /**
     * The runtime's own client resources: the configured reconnect delay, then the configuration's
     * {@code clientResourcesCustomizers} in the order added.
     */
    private static ClientResources ownResources(SymphonyRedisConfig config) {
        DefaultClientResources.Builder builder = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ZERO, config.reconnectDelayMax(), 2,
                        TimeUnit.MILLISECONDS));
        for (Consumer<ClientResources.Builder> customizer : config.clientResourcesCustomizers()) {
            customizer.accept(builder);
        }
        return builder.build();
    }

    /**
     * Create a runtime on client resources the caller owns; {@link #close()} will not shut them down, and the
     * configuration's {@code clientResourcesCustomizers} are not applied to them (the caller configures them).
     */
    public static Mono<SymphonyRuntime> create(SymphonyRedisConfig config, ClientResources resources) {
        return create(config, resources, RedisValueCodec.defaults(), KeyFactory.defaults());
    }

    /**
     * Create a runtime on client resources the caller owns, with a custom codec and key factory; {@link #close()}
     * will not shut the resources down.
     */
    public static Mono<SymphonyRuntime> create(SymphonyRedisConfig config, ClientResources resources,
            RedisValueCodec codec, KeyFactory keys) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(resources, "resources");
        Extensions extensions = new Extensions(codec, keys);
        return ReleaseScope.open(scope -> open(scope, config, resources, extensions, null));
    }

    /**
     * Connect, bootstrap and build the runtime inside {@code scope}, which releases what was opened (schedulers,
     * connections, Lettuce clients, owned client resources, in that order) if this fails or is cancelled first.
     */
    private static Mono<SymphonyRuntime> open(ReleaseScope scope, SymphonyRedisConfig config,
            ClientResources resources, Extensions extensions, @Nullable ClientResources owned) {
        return ConnectionManager.open(config, resources)
                .flatMap(connections -> bootstrap(config, connections)
                        .then(Mono.fromSupplier(() -> scope.track(
                                new SymphonyRuntime(config, connections, extensions, resources, owned),
                                SymphonyRuntime::disposeSchedulers))))
                .doOnNext(runtime -> log.info("Symphony Redis runtime started: {}", config));
    }

    private static Mono<Void> bootstrap(SymphonyRedisConfig config, ConnectionManager connections) {
        return config.keyspaceEvents()
                ? KeyspaceEventsBootstrap.ensure(connections, config.keyspaceEventFlags())
                : Mono.empty();
    }

    /**
     * The Lettuce client resources (event loops, timers, event bus) of this runtime's clients, so that other clients
     * of the toolkit, like the expiry listener's dedicated pub/sub client, share them instead of starting their own
     * threads. Owned by the runtime (or by the caller who passed them in): do not shut them down.
     */
    public ClientResources clientResources() {
        return resources;
    }

    /** The configuration this runtime was created from (its {@code toString()} is redacted). */
    public SymphonyRedisConfig config() {
        return config;
    }

    /** The connections of every pool alias. */
    public RedisConnections connections() {
        return connections;
    }

    /**
     * Every low-level command as {@code Mono}/{@code Flux}, on this runtime's connections, bound to the
     * {@code "default"} pool; {@code ops().onPool("user")} returns the ones bound to another alias.
     */
    public RedisOps ops() {
        return ops;
    }

    /** The value codec repositories use (the original's wire format). */
    public RedisValueCodec codec() {
        return codec;
    }

    /** The key factory repositories use. */
    public KeyFactory keys() {
        return keys;
    }

    /** Number of distinct physical connection targets (see {@link ConnectionManager#targetCount()}). */
    public int connectionTargets() {
        return connections.targetCount();
    }

    /**
     * The bridge that runs blocking tools on {@link #toolScheduler()} with the caller's context.
     *
     * @throws RuntimeClosedException if this runtime is closed; a bridge obtained before signals it from
     *     {@code run}
     */
    public BlockingBridge bridge() {
        return requireOpen(bridge);
    }

    /**
     * Bounded scheduler for blocking tools ({@code workersTool} threads).
     *
     * @throws RuntimeClosedException if this runtime is closed (the scheduler is disposed)
     */
    public Scheduler toolScheduler() {
        return requireOpen(toolScheduler);
    }

    /**
     * Bounded scheduler for agent runs ({@code workersAgent} threads).
     *
     * @throws RuntimeClosedException if this runtime is closed (the scheduler is disposed)
     */
    public Scheduler agentScheduler() {
        return requireOpen(agentScheduler);
    }

    /**
     * Bounded scheduler for per-user work ({@code workersUser} threads).
     *
     * @throws RuntimeClosedException if this runtime is closed (the scheduler is disposed)
     */
    public Scheduler userScheduler() {
        return requireOpen(userScheduler);
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Close connections, shut the Lettuce clients and (if this runtime created them) client resources down, and
     * dispose the schedulers (tasks still running after 5 s are interrupted). Calling it again completes at once.
     *
     * @return completes when everything is shut down; every step runs even if an earlier one fails, and the first
     *     failure then arrives as {@code onError}
     */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            if (!closed.compareAndSet(false, true)) {
                return Mono.empty();
            }
            // Every step runs even when an earlier one fails (a failed connection close must not leak the
            // schedulers' threads or the client resources); the first failure is reported at the end.
            return Flux.concatDelayError(connections.closeLater(), disposeSchedulers(),
                            ownedResources == null ? Mono.<Void>empty() : shutdown(ownedResources))
                    .then()
                    .doOnSuccess(done -> log.info("Symphony Redis runtime closed"));
        });
    }

    private Mono<Void> disposeSchedulers() {
        return Mono.when(toolScheduler.disposeGracefully(), agentScheduler.disposeGracefully(),
                userScheduler.disposeGracefully()).timeout(Duration.ofSeconds(5), Mono.fromRunnable(() -> {
                    log.warn("Symphony Redis schedulers did not finish their tasks within 5 s; disposing them");
                    toolScheduler.dispose();
                    agentScheduler.dispose();
                    userScheduler.dispose();
                }));
    }

    /** Same as {@link #close()}: the non-blocking twin named as in Reactor's {@code disposeLater()}. */
    public Mono<Void> closeLater() {
        return close();
    }

    private static Mono<Void> shutdown(ClientResources resources) {
        return Mono.create(sink -> resources.shutdown(0, 2, TimeUnit.SECONDS).addListener(future -> {
            if (future.isSuccess()) {
                sink.success();
            } else {
                sink.error(future.cause());
            }
        }));
    }

    private <T> T requireOpen(T value) {
        if (closed.get()) {
            throw new RuntimeClosedException("Symphony Redis runtime is closed");
        }
        return value;
    }

    /** The pluggable parts chosen at creation. */
    private record Extensions(RedisValueCodec codec, KeyFactory keys) {

        Extensions {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(keys, "keys");
        }
    }
}
