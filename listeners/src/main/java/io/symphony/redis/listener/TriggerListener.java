package io.symphony.redis.listener;

import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.keys.TriggerKey;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;

/**
 * Fire the handlers of a {@link TriggerRegistry} for the triggers of the expiry pool, durably and exactly once.
 *
 * <p><b>Two paths, one claim.</b> Keyspace {@code expired} events ({@link ExpiryEvents}) are the fast path; a
 * sweeper over the due-index (written by {@code RedisTrigger.set}) is the record and the clock ({@link Sweeper}): it
 * runs one Lua script at most every {@code sweepInterval}, and sooner when the next entry comes due sooner, that
 * claims up to {@code batchSize} entries whose due time passed, whatever the number of free handler slots, into a
 * local hand-off queue bounded by {@code maxWaitingClaims}. The keyspace event of a key this instance claimed lately
 * costs no script ({@link RecentClaims}); the other events are claimed in batches (one script per up to 100 keys heard
 * within 1 ms). An occurrence is run only by the instance whose script removed
 * it from the due-index ({@code ZREM} inside the script is the claim), so among any number of instances exactly one
 * runs its handler. A trigger key written without an index entry (by the original's Python code) is claimed by the
 * first event script that sees it (default namespace only), remembered in a recent-claims set for
 * {@code dedupWindow}. A claim is kept in an in-flight set with a lease deadline and a token; while this instance
 * lives it renews the leases of all its claims every third of the lease ({@link LeaseRenewer}), so a long handler is
 * never started twice; when the handler's whole work completes its slot is free and the claim is acknowledged in a
 * batch with others ({@link AckBatcher}: up to {@code ackBatchSize} per script, after at most {@code ackMaxDelay});
 * an ack that cannot be written is counted ({@link #failedAcks()}) and left to the lease. When it fails every
 * attempt it is moved to the dead letters (one script); when its instance dies the renewals stop, the lease runs out
 * and the next sweep of any instance delivers it again. Handlers run on the options' handler scheduler, never on a
 * Redis I/O thread, in the context the trigger was set in. All keys belong to the registry's namespace. With a {@code broadcast} registry every instance runs every
 * keyspace event's handler instead, without claims (and without the sweeper).
 *
 * <p><b>Lifecycle.</b> {@link #start()} subscribes and completes once the event subscription is confirmed;
 * {@link #stop()} stops claiming, waits for running handlers and closes the connection. A stopped listener cannot be
 * started again (its event stream is closed): create a new one. Triggers coming due while no instance runs stay in
 * the index and are fired when one starts. Keys written without an index entry that expire
 * while no instance is subscribed are lost (Redis keeps no record of them).
 *
 * @since 0.1
 */
public final class TriggerListener {

    private static final Logger log = LoggerFactory.getLogger(TriggerListener.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    /** Event claim scripts in flight at once. */
    private static final int EVENT_CLAIM_CONCURRENCY = 4;
    /** Keys one event claim script claims at most. */
    private static final int EVENT_CLAIM_BATCH = 100;
    /** The longest an event waits for others to share its claim script (events are 0.3 s late or more anyway). */
    private static final Duration EVENT_CLAIM_DELAY = Duration.ofMillis(1);
    private static final int MAX_LEFT_SEEN = 10_000;

    private final TriggerRegistry registry;
    private final TriggerListenerOptions options;
    private final ExpiryEvents events;
    private final TriggerStore store;
    private final HandlerRunner runner;
    private final FireLagRecorder lags;
    private final Duration lease;
    private final LeaseRenewer leases;
    /** Claims taken and not closed yet (waiting for a slot, running, or waiting for their ack). */
    private final AtomicInteger taken = new AtomicInteger();
    /** Claims in a handler slot: {@code taken - inSlots} wait locally, bounded by maxWaitingClaims for sweeps. */
    private final AtomicInteger inSlots = new AtomicInteger();
    private final AtomicLong failedAcks = new AtomicLong();
    private final RecentClaims recent;
    /** Failed event claims since the last successful one: only the first of a run is logged at WARN. */
    private final AtomicLong failedEventClaims = new AtomicLong();
    private final AtomicReference<@Nullable Running> running = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final KeyFactory keys;
    private final List<String> originalMatchers;
    private final AtomicLong handedToOriginal = new AtomicLong();
    /** Keys left for want of a handler that were counted already, so each is counted once, not once per sweep. */
    private final Set<String> leftSeen = ConcurrentHashMap.newKeySet();

    private TriggerListener(SymphonyRuntime runtime, TriggerRegistry registry, TriggerListenerOptions options) {
        this.registry = registry;
        this.options = options;
        this.keys = runtime.keys();
        this.originalMatchers = matchers(keys, options.originalActions());
        this.lags = new FireLagRecorder(options.clock());
        this.lease = lease(options, registry.retryPolicy());
        this.events = ExpiryEvents.create(runtime, options.events());
        this.store = new RedisTriggerStore(runtime.ops(), runtime.keys(), options.events().pool(),
                registry.namespace());
        this.runner = new HandlerRunner(registry, store, runtime.keys(),
                HandlerRunner.restoring(SymphonyRepositories.of(runtime).support(), options.contextPropagators()),
                options, lags);
        this.leases = new LeaseRenewer(store, lease, options.scheduler(), options.observer());
        this.recent = new RecentClaims(options.clock(), options.dedupWindow(), RecentClaims.DEFAULT_MAX);
    }

    /**
     * The configured lease, or one attempt's timeout plus a margin: renewals keep a running claim alive, so the lease
     * only bounds how late a dead instance's claims are re-delivered.
     */
    private static Duration lease(TriggerListenerOptions options, RetryPolicy policy) {
        Duration configured = options.lease().orElse(policy.timeout().plus(LEASE_MARGIN));
        if (configured.compareTo(policy.timeout()) < 0) {
            throw new IllegalArgumentException("lease " + configured + " is shorter than one attempt of the registry's "
                    + "retry policy (timeout " + policy.timeout() + "): a claim must outlive one attempt even when a "
                    + "renewal is late; set a lease >= the attempt timeout or a shorter timeout");
        }
        return configured;
    }

    /** Create a listener with default options; nothing runs until {@link #start()}. */
    public static TriggerListener create(SymphonyRuntime runtime, TriggerRegistry registry) {
        return create(runtime, registry, TriggerListenerOptions.defaults());
    }

    /**
     * Create a listener; nothing runs until {@link #start()}.
     *
     * @throws IllegalArgumentException if the options name an unknown pool alias, or set a lease shorter than the
     *     registry's per-attempt timeout
     */
    public static TriggerListener create(SymphonyRuntime runtime, TriggerRegistry registry,
            TriggerListenerOptions options) {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(options, "options");
        return new TriggerListener(runtime, registry, options);
    }

    /**
     * Start listening and sweeping.
     *
     * <p>Cancelling the returned {@code Mono} before it completes (or a {@code timeout} on it) stops what it
     * started: the event subscription and its pub/sub connection (also one still connecting), and the sweeper; the
     * listener can then be started again. A cancel after it completed does nothing: use {@link #stop()}.
     *
     * @return completes once the keyspace-event subscription is confirmed (the sweeper runs from the start); fails
     *     with {@link KeyspaceEventsUnavailableException} when the server cannot send expiry events, and with
     *     {@link IllegalStateException} when already started or once stopped
     */
    public Mono<Void> start() {
        return Mono.defer(() -> {
            if (stopped.get()) {
                // stop() closed the event stream: a new start would wait for a CONNECTED state that never comes.
                return Mono.error(new IllegalStateException("TriggerListener was stopped; create a new one"));
            }
            Sinks.Empty<Void> stopping = Sinks.empty();
            Sinks.One<Void> started = Sinks.one();
            AckBatcher acks = new AckBatcher(store, options.ackBatchSize(), options.ackMaxDelay(),
                    options.scheduler(), failedAcks, this::closed);
            Running fresh = new Running(stopping);
            if (!running.compareAndSet(null, fresh)) {
                return Mono.error(new IllegalStateException("TriggerListener already started"));
            }
            AtomicBoolean up = new AtomicBoolean();
            Mono<Void> connected = events.states().filter(state -> state == ListenerState.CONNECTED).next().then()
                    .doOnSuccess(ignored -> {
                        up.set(true);
                        ObserverCalls.run(() -> options.observer().started(this));
                    });
            Consumer<Throwable> eventsFailed = error -> {
                if (up.get()) {
                    log.error("Keyspace events stopped ({}); triggers keep firing from the due-index sweeper, but "
                            + "keys written without a due-index entry are missed until the listener is restarted",
                            error.toString());
                } else {
                    started.tryEmitError(error);
                    stopping.tryEmitEmpty();
                    fresh.disposeRenewals();
                    running.compareAndSet(fresh, null);
                }
            };
            // Renewals outlive stop() and a cancelled start(): the handlers already running keep their claims until
            // they are acknowledged; the pipeline's end (done) disposes them.
            fresh.renewals = leases.run().subscribe();
            // Stop the sources, not the claimed stream: an occurrence once claimed is always run (or dead-lettered),
            // and its ack sent: the acks complete after the last handler, and the pipeline after the last ack.
            Mono<Void> handled = pipeline(stopping.asMono(), eventsFailed)
                    .flatMap(claim -> Mono.defer(() -> {
                        inSlots.incrementAndGet();
                        return runner.run(claim, acks);
                    }).doFinally(signal -> inSlots.decrementAndGet()), registry.concurrency())
                    .then()
                    .doFinally(signal -> acks.complete());
            fresh.disposable = Mono.when(handled, acks.run())
                    .subscribe(ignored -> { }, error -> {
                        log.error("Trigger listener stopped on an error", error);
                        started.tryEmitError(error);
                        fresh.disposeRenewals();
                        fresh.done.tryEmitEmpty();
                    }, () -> {
                        fresh.disposeRenewals();
                        fresh.done.tryEmitEmpty();
                    });
            // doFinally, not doOnCancel: a cancel that arrives after start() completed (StepVerifier, Mono.when on
            // a sibling's error) must be a no-op (Reactive Streams 1.6, 3.7), not silently stop a running listener.
            return Mono.firstWithSignal(connected, started.asMono())
                    .doFinally(signal -> {
                        if (signal == SignalType.CANCEL) {
                            abandon(fresh);
                        }
                    });
        });
    }

    /**
     * Undo a start whose subscriber cancelled: stop the sources (the event subscription, which closes its pub/sub
     * connection, and the sweeper) as {@link #stop()} does, and let a later {@link #start()} begin afresh. Occurrences
     * already claimed still run.
     */
    private void abandon(Running fresh) {
        fresh.stopping.tryEmitEmpty();
        running.compareAndSet(fresh, null);
    }

    /**
     * Stop: no new claims, wait for the claims taken to be handled and their batched acks answered, close the
     * pub/sub connection. Claims taken but not finished
     * stay in flight and are re-delivered after their lease. Completes at once if not started. Final: a later
     * {@link #start()} fails.
     */
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            stopped.set(true);
            Running current = running.getAndSet(null);
            if (current == null) {
                return Mono.empty();
            }
            current.stopping.tryEmitEmpty();
            return current.done.asMono()
                    .doFinally(signal -> current.disposeRenewals())
                    .then(events.close())
                    .doFinally(signal -> ObserverCalls.run(() -> options.observer().stopped(this)));
        });
    }

    /** Return the dead letters: {@code HGETALL} of the dead-letter hash, decoded. */
    public Flux<DeadLetter> deadLetters() {
        return store.deadLetters();
    }

    /**
     * Put a dead letter back in the due-index, due now, and remove it from the dead letters, atomically (one
     * script); any running listener instance then claims and runs it.
     *
     * @return emits {@code true} if the dead letter existed
     */
    public Mono<Boolean> replay(String id) {
        Objects.requireNonNull(id, "id");
        return store.replay(id);
    }

    /** Return how many triggers wait in the due-index ({@code ZCARD}). */
    public Mono<Long> pending() {
        return store.pending();
    }

    /**
     * Return how many due triggers of {@link TriggerListenerOptions#originalActions()} this instance removed from
     * the due-index without running them (the original's listeners fired them on their expiry events).
     */
    public long handedToOriginal() {
        return handedToOriginal.get();
    }

    /** Return how many occurrences this instance claimed and has not finished yet (running or waiting for a slot). */
    public int inFlight() {
        return taken.get();
    }

    /** Return the namespace of the listener's registry ({@code ""}: the default namespace). */
    public String namespace() {
        return registry.namespace();
    }

    /**
     * Return how many handled occurrences this instance could not acknowledge (every retry of their batched ack
     * script failed): their leases run out and they are re-delivered, so their handlers may run again. Each failed
     * batch is logged (the first of a run at WARN).
     */
    public long failedAcks() {
        return failedAcks.get();
    }

    /** Return the fire lag of the occurrences this instance started. */
    public FireLag fireLag() {
        return lags.snapshot();
    }

    /** Return the keyspace-event stream this listener uses (for its states and drop count). */
    public ExpiryEvents events() {
        return events;
    }

    private Flux<Claim> pipeline(Mono<Void> stopping, Consumer<Throwable> eventsFailed) {
        // An event-stream failure must not end the sweeper: the due-index is the record, events only a fast path.
        Flux<ExpiryEvent> known = events.events()
                .takeUntilOther(stopping)
                // An event does not tell its namespace: an action without a handler here may be another service's,
                // so it is neither counted nor warned about; the sweeper reports this namespace's own.
                .filter(event -> registry.has(event.action()) && !options.originalActions().contains(event.action()))
                .doOnNext(event -> ObserverCalls.run(() -> options.observer().eventReceived(event)))
                .onErrorResume(error -> {
                    eventsFailed.accept(error);
                    return Mono.empty();
                });
        if (registry.broadcast()) {
            return known.map(event -> new Claim(event.key(), options.clock().millis(), -1,
                    TriggerEvent.Source.BROADCAST)).doOnNext(claim -> taken.incrementAndGet());
        }
        // A claim's lease is renewed from the moment it is taken, also while it waits in a queue for a handler slot.
        // The late event of a key claimed here lately costs no script (the server would answer "not yours"); the
        // others are claimed in batches, one script per up to EVENT_CLAIM_BATCH keys heard within EVENT_CLAIM_DELAY.
        Flux<Claim> fast = known.filter(event -> !recent.contains(event.key()))
                .map(ExpiryEvent::key)
                .bufferTimeout(EVENT_CLAIM_BATCH, EVENT_CLAIM_DELAY, options.scheduler(), true)
                .filter(batch -> !batch.isEmpty())
                .flatMap(batch -> store.claimEvents(batch, lease)
                        .doOnNext(claims -> {
                            claims.forEach(this::took);
                            failedEventClaims.set(0);
                        })
                        .onErrorResume(error -> {
                            if (failedEventClaims.getAndIncrement() == 0) {
                                log.warn("Claiming {} key(s) from their events failed ({}, first '{}'); the sweeper "
                                        + "will claim those with a due-index entry (further failures until an event "
                                        + "claim succeeds again are logged at DEBUG)", batch.size(), error.toString(),
                                        batch.get(0));
                            } else {
                                log.debug("Claiming {} key(s) from their events failed ({})", batch.size(),
                                        error.toString());
                            }
                            return Mono.empty();
                        }), EVENT_CLAIM_CONCURRENCY)
                .flatMapIterable(claims -> claims);
        return Flux.merge(fast, sweeper(stopping));
    }

    private Flux<Claim> sweeper(Mono<Void> stopping) {
        // The matchers are read per sweep: handlers may be registered or cancelled while the listener runs.
        Sweeper sweeper = new Sweeper(
                batch -> observed(store.sweep(batch, lease, options.dedupWindow(), matchers(), originalMatchers)),
                options.batchSize(), options.maxWaitingClaims(), () -> taken.get() - inSlots.get(),
                options.sweepInterval(), options.sweepTimeout(), options.scheduler());
        // The sweep's claims are accounted for when its reply arrives; they then wait in the unbounded buffer, which
        // the sweeper keeps within maxWaitingClaims by sizing its batches.
        return sweeper.run(stopping, this::swept)
                .flatMapIterable(TriggerStore.Sweep::claims)
                .onBackpressureBuffer();
    }

    /** A sweep that tells the observer how long it took, what it claimed, and whether it failed or was dropped. */
    private Mono<TriggerStore.Sweep> observed(Mono<TriggerStore.Sweep> sweep) {
        TriggerObserver observer = options.observer();
        if (observer == TriggerObserver.NOOP) {
            return sweep;
        }
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return sweep
                    .doOnNext(result -> ObserverCalls.run(() -> observer.swept(since(start), result.claims().size(),
                            null)))
                    .doOnError(error -> ObserverCalls.run(() -> observer.swept(since(start), 0, error)))
                    .doOnCancel(() -> ObserverCalls.run(() -> observer.swept(since(start), 0,
                            new CancellationException("no reply within the sweep timeout, or the listener stopped"))));
        });
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void swept(TriggerStore.Sweep sweep) {
        sweep.left().forEach(this::left);
        handedToOriginal.addAndGet(sweep.handedToOriginal());
        sweep.claims().forEach(this::took);
    }

    /** A claim taken (swept or from an event): renew its lease from now on, count it, remember its key. */
    private void took(Claim claim) {
        leases.hold(claim);
        taken.incrementAndGet();
        recent.add(claim.key());
    }

    /** A claim closed (acknowledged, dead-lettered, given back or given up to its lease). */
    private void closed(Claim claim) {
        leases.release(claim);
        taken.decrementAndGet();
    }

    /** With {@link UnhandledActions#LEAVE}, the sweep claims only actions with a handler; else every one. */
    private @Nullable List<String> matchers() {
        if (registry.unhandledActions() != UnhandledActions.LEAVE) {
            return null;
        }
        return matchers(keys, registry.actions());
    }

    private static List<String> matchers(KeyFactory keys, Set<String> actions) {
        String prefix = ":" + keys.triggerPrefix() + ":";
        return actions.stream().map(action -> prefix + KeyFactory.escape(action) + ":").toList();
    }

    /** A due entry the sweep left in the index for want of a handler: counted and warned about once per key. */
    private void left(String key) {
        if (leftSeen.size() >= MAX_LEFT_SEEN) {
            leftSeen.clear();
        }
        if (leftSeen.add(key)) {
            String action = keys.parseTrigger(key).map(TriggerKey::action).orElse(key);
            registry.unhandled(action, key);
            ObserverCalls.run(() -> options.observer().unknownAction(action));
        }
    }

    /** One start/stop cycle. */
    private static final class Running {

        final Sinks.Empty<Void> stopping;
        final Sinks.Empty<Void> done = Sinks.empty();
        @Nullable Disposable disposable;
        @Nullable Disposable renewals;

        Running(Sinks.Empty<Void> stopping) {
            this.stopping = stopping;
        }

        void disposeRenewals() {
            Disposable current = renewals;
            if (current != null) {
                current.dispose();
            }
        }
    }
}
