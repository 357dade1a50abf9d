package io.symphony.redis.listener;

import io.symphony.redis.config.PoolEndpoint;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.runtime.KeyspaceEventFlags;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The keyspace {@code expired} events of the expiry pool's DB ({@code __keyevent@<db>__:expired}), parsed into
 * {@link ExpiryEvent}s: a hot, shared {@code Flux} on one dedicated pub/sub connection.
 *
 * <p><b>Hot and shared.</b> {@link #events()} connects on the first subscriber and disconnects when the last one
 * cancels ({@code publish().refCount()}); late subscribers see only events that arrive after they subscribed.
 * Events of keys that are not trigger keys of the runtime's key factory are skipped. Signals arrive on Lettuce's
 * event-loop threads.
 *
 * <p><b>Overflow.</b> Up to {@link ExpiryEventsOptions#bufferSize()} events are buffered for the slowest
 * subscriber; beyond that the oldest event is dropped and counted in {@link #droppedEvents()}.
 *
 * <p><b>Connection loss.</b> Lettuce re-connects and re-subscribes by itself; each loss is logged at WARN and
 * reported as {@link ListenerState#RECONNECTING} on {@link #states()}, followed by {@link ListenerState#CONNECTED}.
 * A failed connect is retried with exponential backoff between the options' bounds. Events published while
 * disconnected are lost: Redis does not keep them. That is why they are only a fast path for durable triggers.
 *
 * <p><b>Keyspace flags.</b> On each subscription (standalone or Sentinel) {@code CONFIG GET notify-keyspace-events}
 * runs on the pool; missing {@code E}/{@code x} are added with {@code CONFIG SET}. If the flags lack them and
 * {@code CONFIG SET} is refused, {@link #events()} fails with {@link KeyspaceEventsUnavailableException}; if even
 * {@code CONFIG GET} is refused the flags cannot be known, a warning is logged and the subscription goes on. On
 * Redis Cluster the same check runs on each primary before it is subscribed, and again after its connection was
 * re-established (a restarted node has lost a {@code CONFIG SET}); a refusal fails {@link #events()} when it happens
 * on the first subscription, and is logged at WARN for a primary that appears or re-connects later.
 *
 * <p><b>Redis Cluster.</b> Keyspace events are node-local: one connection per primary subscribes the channel;
 * replicas are not subscribed. The topology is re-read every {@link ExpiryEventsOptions#topologyRefresh()}, and every
 * 250 ms while a primary is not subscribed, so a replica promoted by a failover is subscribed soon after the cluster
 * promotes it; a lost primary connection reports {@link ListenerState#RECONNECTING}, and {@code CONNECTED} follows
 * once subscribed primaries serve all 16384 slots again. Events of a primary published while it was not
 * subscribed (from its death until its replica is subscribed) are lost, like on any reconnect.
 *
 * @since 0.1
 */
public final class ExpiryEvents {

    private static final Logger log = LoggerFactory.getLogger(ExpiryEvents.class);
    private static final String PARAMETER = KeyspaceEventFlags.PARAMETER;
    /** Retries of the flag check after a reconnect: about 15 s with backoff from 100 ms to 1 s. */
    private static final int RE_ENSURE_ATTEMPTS = 20;

    private final SymphonyRuntime runtime;
    private final ExpiryEventsOptions options;
    private final PoolEndpoint endpoint;
    private final KeyFactory keys;
    private final Sinks.Many<ListenerState> states = Sinks.many().replay().latest();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final AtomicLong dropped = new AtomicLong();
    private final PubSubConnector connector;
    private final Flux<ExpiryEvent> events;

    private ExpiryEvents(SymphonyRuntime runtime, ExpiryEventsOptions options) {
        this.runtime = runtime;
        this.options = options;
        this.keys = runtime.keys();
        this.endpoint = runtime.config().pools().stream()
                .filter(pool -> pool.alias().equals(options.pool()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown pool alias '" + options.pool() + "'"));
        this.connector = PubSubConnector.create(endpoint, channel(), this::emitState, runtime.clientResources(),
                options);
        this.events = build();
    }

    /**
     * Create the stream on the runtime's {@code expiry} pool with default options; nothing connects until
     * {@link #events()} is subscribed.
     */
    public static ExpiryEvents create(SymphonyRuntime runtime) {
        return create(runtime, ExpiryEventsOptions.defaults());
    }

    /**
     * Create the stream with options; nothing connects until {@link #events()} is subscribed.
     *
     * @throws IllegalArgumentException if the options name an unknown pool alias
     */
    public static ExpiryEvents create(SymphonyRuntime runtime, ExpiryEventsOptions options) {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(options, "options");
        return new ExpiryEvents(runtime, options);
    }

    /**
     * Return the hot, shared stream of parsed trigger-key expiry events.
     *
     * @return never completes until {@link #close()}; fails with {@link KeyspaceEventsUnavailableException} as
     *     described in the class documentation
     */
    public Flux<ExpiryEvent> events() {
        return events;
    }

    /** Return the connection states: the latest state is replayed to each new subscriber. */
    public Flux<ListenerState> states() {
        return states.asFlux();
    }

    /** Return how many events were dropped because the buffer was full. */
    public long droppedEvents() {
        return dropped.get();
    }

    /** Return the channel subscribed to, {@code __keyevent@<db>__:expired}. */
    public String channel() {
        return "__keyevent@" + endpoint.db() + "__:expired";
    }

    /** Complete {@link #events()}, close the connection and shut the dedicated client down. */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            connector.markClosing();
            closed.tryEmitEmpty();
            emitState(ListenerState.STOPPED);
            return connector.shutdown();
        });
    }

    private Flux<ExpiryEvent> build() {
        Flux<String> payloads = Flux.defer(() -> {
                    emitState(ListenerState.CONNECTING);
                    return ensureFlags().thenMany(Flux.merge(connector.messages(), reEnsureOnReconnect()));
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, options.minBackoff())
                        .maxBackoff(options.maxBackoff())
                        .filter(error -> !(error instanceof KeyspaceEventsUnavailableException))
                        .doBeforeRetry(signal -> log.warn("Expiry pub/sub on {} failed ({}); retrying",
                                endpoint.redactedUrl(), signal.failure().toString()))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        return payloads
                .takeUntilOther(closed.asMono())
                .<ExpiryEvent>handle((key, sink) -> keys.parseTrigger(key).ifPresent(trigger -> sink.next(
                        new ExpiryEvent(trigger.tenant(), trigger.action(), trigger.identifier(), key,
                                options.pool()))))
                .onBackpressureBuffer(options.bufferSize(), event -> dropped.incrementAndGet(),
                        BufferOverflowStrategy.DROP_OLDEST)
                .publish()
                .refCount();
    }

    /**
     * After a reconnect (a Sentinel failover lands on the promoted replica, which may lack the flags), check the
     * flags again. The runtime's own connection may still be reconnecting, or fail its queued commands at once after
     * a reset, so a failed read is retried for a while instead of leaving the new primary silent for good.
     */
    private Flux<String> reEnsureOnReconnect() {
        return states.asFlux()
                .skip(1)
                .filter(state -> state == ListenerState.CONNECTED)
                .concatMap(state -> readFlags()
                        .retryWhen(Retry.backoff(RE_ENSURE_ATTEMPTS, Duration.ofMillis(100))
                                .maxBackoff(Duration.ofSeconds(1)))
                        .onErrorResume(this::readFailed)
                        .flatMap(this::addMissingFlags))
                .thenMany(Flux.empty());
    }

    private Mono<Void> ensureFlags() {
        return readFlags().onErrorResume(this::readFailed).flatMap(this::addMissingFlags);
    }

    private Mono<String> readFlags() {
        if (endpoint.cluster()) {
            // CONFIG through the pool reaches one node; the Cluster connector checks each primary it subscribes.
            return Mono.empty();
        }
        return runtime.ops().onPool(options.pool()).configGet(PARAMETER)
                .map(values -> values.getOrDefault(PARAMETER, ""));
    }

    private Mono<String> readFailed(Throwable error) {
        log.warn("Cannot read notify-keyspace-events on {} ({}): expiry events arrive only if the server has 'Ex'",
                endpoint.redactedUrl(), error.getMessage());
        return Mono.empty();
    }

    private Mono<Void> addMissingFlags(String current) {
        String missing = KeyspaceEventFlags.missing(current, KeyspaceEventFlags.EXPIRED_EVENTS);
        if (missing.isEmpty()) {
            return Mono.empty();
        }
        String wanted = current + missing;
        log.info("Setting notify-keyspace-events to '{}' on {}", wanted, endpoint.redactedUrl());
        return runtime.ops().onPool(options.pool()).configSet(PARAMETER, wanted)
                .onErrorMap(error -> new KeyspaceEventsUnavailableException(endpoint.redactedUrl(), current, error));
    }

    private void emitState(ListenerState state) {
        states.emitNext(state, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }
}
