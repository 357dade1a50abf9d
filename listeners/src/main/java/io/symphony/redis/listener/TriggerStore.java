package io.symphony.redis.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where claims live: the due-index, in-flight set, tokens, context snapshots and dead letters of one namespace
 * ({@link RedisTriggerStore} runs the claim protocol's scripts). Behind an interface so the listener's timing
 * (sweeps, lease renewals, retries, dead letters) can be unit-tested in virtual time; each method is one atomic
 * step on the server.
 */
interface TriggerStore {

    /**
     * The result of one sweep: the claims, the due entries left in the index for want of a handler, the number of
     * entries removed as the original's, the server's time and when the next entry comes due (-1: none).
     */
    record Sweep(List<Claim> claims, List<String> left, int handedToOriginal, long now, long nextWake) {
    }

    /**
     * Claim up to {@code batch} due entries (and re-lease expired claims); with {@code matchers} only those of the
     * matched actions, without ({@code null}) every one; remove those matching {@code original} unclaimed.
     */
    Mono<Sweep> sweep(int batch, Duration lease, Duration window, @Nullable List<String> matchers,
            List<String> original);

    /**
     * Claim the occurrences keyspace events announced, in one atomic step; emits the claims, without the keys that
     * are not this listener's to run.
     */
    Mono<List<Claim>> claimEvents(List<String> keys, Duration lease);

    /**
     * Acknowledge handled claims in one atomic step, each only while its token still holds it; emits how many were
     * closed (a claim already closed, or re-delivered elsewhere, is skipped). Idempotent: a retry closes nothing twice.
     */
    Mono<Long> ack(List<Claim> claims);

    /** Give a claim back to the due-index at its due time (only while its token still holds it). */
    Mono<Void> unclaim(Claim claim);

    /** Close the claim and record the dead letter, atomically. */
    Mono<Void> deadLetter(Claim claim, DeadLetter letter);

    /** Renew the leases of {@code held} (key to token); emits the keys no longer held. */
    Mono<List<String>> renew(Map<String, Long> held, Duration lease);

    /** The dead letters. */
    Flux<DeadLetter> deadLetters();

    /** Put a dead letter back in the due-index, due now; emits whether it existed. */
    Mono<Boolean> replay(String id);

    /** How many triggers wait in the due-index. */
    Mono<Long> pending();

    /** A new dead-letter id. */
    static String newId() {
        return UUID.randomUUID().toString();
    }
}
