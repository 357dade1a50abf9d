package io.symphony.redis.listener;

import io.symphony.redis.RuntimeClosedException;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.keys.TriggerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * Run the handler of one claimed occurrence with the policy's timeout and retries, then acknowledge the claim or
 * dead-letter it. Never fails. The ack and the dead-letter write are idempotent (they act only while the claim
 * still holds its lease), so a failure of theirs (a failover of the index's primary) is retried with backoff, each
 * attempt given at most {@link #CLOSE_ATTEMPT_TIMEOUT} and all of them together at most {@link #CLOSE_RETRY_SPAN};
 * only then is it logged and left to the lease, which re-delivers the occurrence. A handled occurrence whose ack fails is never dead-lettered.
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
    private final KeyFactory keys;
    private final Scheduler scheduler;
    private final FireLagRecorder lags;

    HandlerRunner(TriggerRegistry registry, TriggerStore store, KeyFactory keys, Scheduler scheduler,
            FireLagRecorder lags) {
        this.registry = registry;
        this.store = store;
        this.keys = keys;
        this.scheduler = scheduler;
        this.lags = lags;
    }

    Mono<Void> run(Claim claim) {
        Optional<TriggerKey> parsed = keys.parseTrigger(claim.key());
        if (parsed.isEmpty()) {
            log.warn("Dropping index entry '{}': not a trigger key of this key factory", claim.key());
            return closing(store.ack(claim), claim).onErrorResume(this::logged);
        }
        TriggerKey key = parsed.get();
        TriggerEvent event = new TriggerEvent(key.tenant(), key.action(), key.identifier(), key.key(),
                Instant.ofEpochMilli(claim.dueMillis()), claim.source());
        return registry.lookup(key.action(), key.key())
                .map(handler -> attempt(handler, event, claim))
                .orElseGet(() -> deadLetter(claim, event, 0, "no handler registered for action '" + key.action()
                        + "'"))
                .onErrorResume(this::logged);
    }

    private Mono<Void> attempt(TriggerHandler handler, TriggerEvent event, Claim claim) {
        RetryPolicy policy = registry.retryPolicy();
        AtomicInteger attempts = new AtomicInteger();
        lags.record(event);
        return Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return handler.handle(event);
                })
                .timeout(policy.timeout(), scheduler)
                .retryWhen(Retry.backoff(policy.maxAttempts() - 1L, policy.firstBackoff())
                        .maxBackoff(policy.maxBackoff())
                        .scheduler(scheduler)
                        .doBeforeRetry(signal -> log.debug("Handler of '{}' failed ({}); retrying", event.key(),
                                signal.failure().toString()))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .contextWrite(context(event))
                .thenReturn(Boolean.TRUE)
                .onErrorResume(error -> {
                    log.warn("Handler of '{}' failed {} time(s); dead-lettering: {}", event.key(), attempts.get(),
                            error.toString());
                    return deadLetter(claim, event, attempts.get(), error.toString()).thenReturn(Boolean.FALSE);
                })
                // Only the handler's failure dead-letters: a failed ack of a handled occurrence is left to the lease
                // (logged by run()), else a replay of that dead letter would run the handler a second time.
                .flatMap(handled -> handled ? closing(store.ack(claim), claim) : Mono.empty());
    }

    private Mono<Void> deadLetter(Claim claim, TriggerEvent event, int attempts, String error) {
        DeadLetter letter = new DeadLetter(TriggerStore.newId(), event.tenant(), event.action(), event.identifier(),
                event.key(), attempts, error, Instant.now());
        return closing(store.deadLetter(claim, letter), claim);
    }

    /** Retry a write that closes a claim; it is idempotent, and giving up means a second run after the lease. */
    private Mono<Void> closing(Mono<Void> write, Claim claim) {
        long attempts = CLOSE_RETRY_SPAN.toMillis() / CLOSE_MAX_BACKOFF.toMillis();
        return write.timeout(CLOSE_ATTEMPT_TIMEOUT, scheduler)
                .retryWhen(Retry.backoff(attempts, CLOSE_FIRST_BACKOFF)
                .maxBackoff(CLOSE_MAX_BACKOFF)
                .filter(error -> !closedRuntime(error))
                .scheduler(scheduler)
                .doBeforeRetry(signal -> {
                    if (signal.totalRetries() == 0) {
                        log.warn("Closing the claim of '{}' failed ({}); retrying", claim.key(),
                                signal.failure().toString());
                    }
                })
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .timeout(CLOSE_RETRY_SPAN, scheduler);
    }

    private static java.util.function.Function<Context, Context> context(TriggerEvent event) {
        return context -> {
            Context bound = SymphonyContext.bind(TriggerEvent.class, event).apply(context);
            return event.identifier().isBlank() ? bound
                    : SymphonyContext.bindScope(new TenantScope(event.tenant(), event.identifier())).apply(bound);
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
        log.error("Could not acknowledge a trigger claim; its lease will re-deliver it", error);
        return Mono.empty();
    }
}
