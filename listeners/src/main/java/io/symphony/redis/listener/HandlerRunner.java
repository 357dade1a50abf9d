package io.symphony.redis.listener;

import io.symphony.redis.RuntimeClosedException;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.keys.TriggerKey;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.TriggerContextPropagator;
import io.symphony.redis.repository.internal.TriggerContextCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * Run the handler of one claimed occurrence with the policy's timeout and retries, then hand the claim to its
 * {@link Closer} to be acknowledged (batched, after the returned {@code Mono} completed: the handler slot is free
 * before the ack's round trip) or dead-letter it. Never fails. The ack and the dead-letter write are idempotent (they
 * act only while the claim still holds its lease), so a failure of theirs (a failover of the index's primary) is
 * retried with backoff ({@link #closing}); only then is it logged and left to the lease, which re-delivers the
 * occurrence. A handled occurrence whose ack fails is never dead-lettered. For every claim run, the closer hears
 * exactly once that it was closed: from the ack path, or here once a dead letter, unclaim or give-up ended it.
 */
final class HandlerRunner {

    private static final Logger log = LoggerFactory.getLogger(HandlerRunner.class);
    /** About how long closing a claim is retried: longer than a Cluster failover plus a command timeout. */
    static final Duration CLOSE_RETRY_SPAN = Duration.ofSeconds(30);
    private static final Duration CLOSE_FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration CLOSE_MAX_BACKOFF = Duration.ofSeconds(1);
    /** One attempt's limit: a write queued for a dead node would otherwise wait the whole command timeout. */
    static final Duration CLOSE_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    private final TriggerRegistry registry;
    private final TriggerStore store;
    private final ContextRestorer restorer;
    private final KeyFactory keys;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Scheduler handlerScheduler;
    private final FireLagRecorder lags;
    private final TriggerObserver observer;

    HandlerRunner(TriggerRegistry registry, TriggerStore store, KeyFactory keys, ContextRestorer restorer,
            TriggerListenerOptions options, FireLagRecorder lags) {
        this.registry = registry;
        this.store = store;
        this.restorer = restorer;
        this.keys = keys;
        this.scheduler = options.scheduler();
        this.handlerScheduler = options.handlerScheduler();
        this.clock = options.clock();
        this.lags = lags;
        this.observer = options.observer();
    }

    /** Where a claim goes when its handler is done. */
    interface Closer {

        /** Acknowledge this handled claim (later, batched); then report it {@link #closed}. Never blocks. */
        void ack(Claim claim);

        /** This claim is closed (acknowledged, dead-lettered, given back, or given up to its lease). */
        void closed(Claim claim);
    }

    /** Restores the snapshot of the context a trigger was set in. */
    @FunctionalInterface
    interface ContextRestorer {
        Context restore(Context context, String snapshot);
    }

    /** The restorer of the repositories: tenant scope, shared state bound on {@code support}, propagated entries. */
    static ContextRestorer restoring(RepositorySupport support, List<TriggerContextPropagator> propagators) {
        return (context, snapshot) -> TriggerContextCodec.restore(context, snapshot, support, propagators);
    }

    /**
     * Run the claim's handler; completes once the handler's work is done and the claim handed to {@code closer} for
     * its ack, or once it was dead-lettered or given back. Never fails.
     */
    Mono<Void> run(Claim claim, Closer closer) {
        AtomicBoolean handedOver = new AtomicBoolean();
        Mono<Void> ack = Mono.fromRunnable(() -> {
            handedOver.set(true);
            closer.ack(claim);
        });
        return Mono.defer(() -> work(claim, ack))
                .onErrorResume(this::logged)
                .doFinally(signal -> {
                    if (!handedOver.get()) {
                        closer.closed(claim);
                    }
                });
    }

    private Mono<Void> work(Claim claim, Mono<Void> ack) {
        Optional<TriggerKey> parsed = keys.parseTrigger(claim.key());
        if (parsed.isEmpty()) {
            log.warn("Dropping index entry '{}': not a trigger key of this key factory", claim.key());
            return ack;
        }
        TriggerKey key = parsed.get();
        TriggerEvent event = new TriggerEvent(key.tenant(), key.action(), key.identifier(), key.key(),
                Instant.ofEpochMilli(claim.dueMillis()), claim.source());
        return registry.lookup(key.action(), key.key())
                .map(handler -> attempt(handler, event, claim, ack))
                .orElseGet(() -> unhandled(claim, event));
    }

    private Mono<Void> attempt(TriggerHandler handler, TriggerEvent event, Claim claim, Mono<Void> ack) {
        RetryPolicy policy = registry.retryPolicy();
        AtomicInteger attempts = new AtomicInteger();
        Duration lag = Duration.ofMillis(lags.record(event));
        ObserverCalls.run(() -> observer.fired(event, lag));
        Mono<Void> once = Mono.defer(() -> {
            attempts.incrementAndGet();
            return handler.handle(event);
        });
        // Every attempt starts on the handler scheduler: a handler that blocks must never hold a Redis I/O thread
        // (the claim's reply arrives on one) or the timer thread of the retry backoff. Its timeout starts there
        // too, when a handler thread takes it up: time spent queued for a busy bounded scheduler is not the
        // handler's, and must not time it out.
        Mono<Void> each = once.timeout(policy.timeout(), scheduler).subscribeOn(handlerScheduler);
        // The retry machinery (a companion sink and subscription per use) is built only once the first attempt
        // failed: most occurrences succeed at once, and a burst runs tens of thousands of them.
        Mono<Void> handling = policy.maxAttempts() <= 1 ? each
                : each.onErrorResume(error -> retries(error, each, policy, event, attempts));
        // The observer's wrap sits inside contextWrite: it sees the restored context of the trigger's set.
        return observed(event, handling)
                .contextWrite(context(event, claim))
                .thenReturn(Boolean.TRUE)
                .onErrorResume(error -> {
                    log.warn("Handler of '{}' failed {} time(s); dead-lettering: {}", event.key(), attempts.get(),
                            error.toString());
                    ObserverCalls.run(() -> observer.deadLettered(event.action(), attempts.get()));
                    return deadLetter(claim, event, attempts.get(), error.toString()).thenReturn(Boolean.FALSE);
                })
                // Only the handler's failure dead-letters: a failed ack of a handled occurrence is left to the lease
                // (logged and counted by the closer's ack batches), else a replay of that dead letter would run the
                // handler a second time.
                .flatMap(handled -> handled ? ack : Mono.empty());
    }

    /**
     * The retries after a failed first attempt, with the same backoff as if the first attempt had run under
     * {@code retryWhen}: the first failure is replayed to it, then every retry subscribes {@code attempt} again.
     */
    private Mono<Void> retries(Throwable firstFailure, Mono<Void> attempt, RetryPolicy policy, TriggerEvent event,
            AtomicInteger attempts) {
        AtomicBoolean replayed = new AtomicBoolean();
        return Mono.defer(() -> replayed.getAndSet(true) ? attempt : Mono.<Void>error(firstFailure))
                .retryWhen(Retry.backoff(policy.maxAttempts() - 1L, policy.firstBackoff())
                        .maxBackoff(policy.maxBackoff())
                        .scheduler(scheduler)
                        .doBeforeRetry(signal -> {
                            log.debug("Handler of '{}' failed ({}); retrying", event.key(),
                                    signal.failure().toString());
                            ObserverCalls.run(() -> observer.retried(event, attempts.get(), signal.failure()));
                        })
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** A claim whose action has no handler (a re-delivery, or a handler cancelled since the claim). */
    private Mono<Void> unhandled(Claim claim, TriggerEvent event) {
        ObserverCalls.run(() -> observer.unknownAction(event.action()));
        if (registry.unhandledActions() == UnhandledActions.LEAVE) {
            return closing(store.unclaim(claim), claim);
        }
        ObserverCalls.run(() -> observer.deadLettered(event.action(), 0));
        return deadLetter(claim, event, 0, "no handler registered for action '" + event.action() + "'");
    }

    /** The observer's wrap of a handler run; if the observer fails, the run goes on unobserved. */
    private Mono<Void> observed(TriggerEvent event, Mono<Void> handling) {
        try {
            return observer.handling(event, handling);
        } catch (RuntimeException e) {
            log.warn("Trigger observer failed to wrap the handler of '{}'; it runs unobserved", event.key(), e);
            return handling;
        }
    }

    private Mono<Void> deadLetter(Claim claim, TriggerEvent event, int attempts, String error) {
        DeadLetter letter = new DeadLetter(TriggerStore.newId(), event.tenant(), event.action(), event.identifier(),
                event.key(), attempts, error, clock.instant());
        return closing(store.deadLetter(claim, letter), claim);
    }

    private Mono<Void> closing(Mono<Void> write, Claim claim) {
        return closing(write, scheduler, error -> log.warn("Closing the claim of '{}' failed ({}); retrying",
                claim.key(), error.toString()));
    }

    /**
     * Retry a write that closes claims: each attempt given at most {@link #CLOSE_ATTEMPT_TIMEOUT}, all of them
     * together at most about {@link #CLOSE_RETRY_SPAN}, with backoff; {@code firstRetry} hears the failure that
     * caused the first retry (to log it). The write must be idempotent; giving up means a second run after the lease.
     */
    static <T> Mono<T> closing(Mono<T> write, Scheduler scheduler, Consumer<Throwable> firstRetry) {
        long attempts = CLOSE_RETRY_SPAN.toMillis() / CLOSE_MAX_BACKOFF.toMillis();
        return write.timeout(CLOSE_ATTEMPT_TIMEOUT, scheduler)
                .retryWhen(Retry.backoff(attempts, CLOSE_FIRST_BACKOFF)
                .maxBackoff(CLOSE_MAX_BACKOFF)
                .filter(error -> !closedRuntime(error))
                .scheduler(scheduler)
                .doBeforeRetry(signal -> {
                    if (signal.totalRetries() == 0) {
                        firstRetry.accept(signal.failure());
                    }
                })
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .timeout(CLOSE_RETRY_SPAN, scheduler);
    }

    /**
     * The handler's context: the event, the tenant scope (tenant, identifier as user id), then the snapshot of the
     * context the trigger was set in (its tenant scope, bound shared state and propagated entries win).
     */
    private Function<Context, Context> context(TriggerEvent event, Claim claim) {
        return context -> {
            Context bound = SymphonyContext.bind(TriggerEvent.class, event).apply(context);
            if (!event.identifier().isBlank()) {
                bound = SymphonyContext.bindScope(new TenantScope(event.tenant(), event.identifier())).apply(bound);
            }
            String snapshot = claim.context();
            return snapshot == null ? bound : restorer.restore(bound, snapshot);
        };
    }

    /** A closed runtime or pool fails every later call with RuntimeClosedException: retrying cannot help. */
    private static boolean closedRuntime(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuntimeClosedException) {
                return true;
            }
        }
        return false;
    }

    private Mono<Void> logged(Throwable error) {
        log.error("Could not close a trigger claim; its lease will re-deliver it", error);
        return Mono.empty();
    }
}
