package io.symphony.redis.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link TriggerStore} test double that records what the listener's timing logic asks of it, for virtual-time
 * unit tests of that logic; the claim protocol itself is tested against real Redis.
 */
final class RecordingTriggerStore implements TriggerStore {

    final List<Claim> acks = new CopyOnWriteArrayList<>();
    final List<List<Claim>> ackBatches = new CopyOnWriteArrayList<>();
    final AtomicInteger ackScripts = new AtomicInteger();
    /** How many of the next ack scripts fail. */
    final AtomicInteger failingAcks = new AtomicInteger();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final List<Map<String, Long>> renewals = new CopyOnWriteArrayList<>();
    volatile Set<String> lost = Set.of();

    @Override
    public Mono<Sweep> sweep(int batch, Duration lease, Duration window, @Nullable List<String> matchers,
            List<String> original) {
        return Mono.just(new Sweep(List.of(), List.of(), 0, 0, -1));
    }

    @Override
    public Mono<List<Claim>> claimEvents(List<String> keys, Duration lease) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<Long> ack(List<Claim> claims) {
        return Mono.defer(() -> {
            ackScripts.incrementAndGet();
            if (failingAcks.get() > 0) {
                failingAcks.decrementAndGet();
                return Mono.error(new IllegalStateException("injected ack failure"));
            }
            ackBatches.add(List.copyOf(claims));
            acks.addAll(claims);
            return Mono.just((long) claims.size());
        });
    }

    @Override
    public Mono<Void> unclaim(Claim claim) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> deadLetter(Claim claim, DeadLetter letter) {
        return Mono.fromRunnable(() -> deadLetters.add(letter));
    }

    @Override
    public Mono<List<String>> renew(Map<String, Long> held, Duration lease) {
        return Mono.fromSupplier(() -> {
            renewals.add(Map.copyOf(held));
            return held.keySet().stream().filter(lost::contains).toList();
        });
    }

    @Override
    public Flux<DeadLetter> deadLetters() {
        return Flux.fromIterable(deadLetters);
    }

    @Override
    public Mono<Boolean> replay(String id) {
        return Mono.just(false);
    }

    @Override
    public Mono<Long> pending() {
        return Mono.just(0L);
    }
}
