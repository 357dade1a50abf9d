package io.symphony.redis.listener;

import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.keys.TriggerKey;
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
 * dead-letter it. Never fails: a Redis error while acknowledging or dead-lettering is logged and the lease
 * re-delivers later; a handled occurrence whose ack fails is never dead-lettered.
 */
final class HandlerRunner {

    private static final Logger log = LoggerFactory.getLogger(HandlerRunner.class);

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
            return store.ack(claim).onErrorResume(this::logged);
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
                .flatMap(handled -> handled ? store.ack(claim) : Mono.empty());
    }

    private Mono<Void> deadLetter(Claim claim, TriggerEvent event, int attempts, String error) {
        DeadLetter letter = new DeadLetter(TriggerStore.newId(), event.tenant(), event.action(), event.identifier(),
                event.key(), attempts, error, Instant.now());
        return store.deadLetter(claim, letter);
    }

    private static java.util.function.Function<Context, Context> context(TriggerEvent event) {
        return context -> {
            Context bound = SymphonyContext.bind(TriggerEvent.class, event).apply(context);
            return event.identifier().isBlank() ? bound
                    : SymphonyContext.bindScope(new TenantScope(event.tenant(), event.identifier())).apply(bound);
        };
    }

    private Mono<Void> logged(Throwable error) {
        log.error("Could not acknowledge a trigger claim; its lease will re-deliver it", error);
        return Mono.empty();
    }
}
