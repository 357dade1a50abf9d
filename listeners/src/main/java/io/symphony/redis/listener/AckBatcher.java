package io.symphony.redis.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Acknowledge handled claims in batches: up to {@code maxSize} acks share one ack script, and none waits longer than
 * {@code maxDelay} for others. A handler slot is freed when its claim is handed over here, before the ack's round
 * trip. A batch is retried like every write that closes claims ({@link HandlerRunner#closing}: idempotent, since each
 * claim is acknowledged only while its token still holds it; the first retried batch of a run is logged at WARN, the
 * rest at DEBUG until a batch succeeds); if every retry fails, the batch is logged (at WARN for the first failed batch
 * of a run, DEBUG for the rest until one succeeds) and counted in {@link #failed()}, and its
 * claims are let go: their leases are no longer renewed and run out, so the sweeper of some instance re-delivers them.
 * Every claim handed to {@link #ack} is reported to {@code closed} exactly once, after its batch's outcome, so its
 * lease is renewed until then. One instance serves one start of the listener: {@link #run()} is subscribed once, and
 * {@link #complete()} lets it finish the batches in flight and complete.
 */
final class AckBatcher implements HandlerRunner.Closer {

    private static final Logger log = LoggerFactory.getLogger(AckBatcher.class);
    /** Ack scripts in flight at once: one being answered while the next batch fills. */
    static final int FLUSH_CONCURRENCY = 2;

    private final Sinks.Many<Claim> pending = Sinks.many().unicast().onBackpressureBuffer();
    private final TriggerStore store;
    private final int maxSize;
    private final Duration maxDelay;
    private final Scheduler scheduler;
    private final Consumer<Claim> closed;
    private final AtomicLong failed;
    private final AtomicLong failedRun = new AtomicLong();
    private final AtomicBoolean retrying = new AtomicBoolean();

    /**
     * @param failed the counter of acks given up to their lease (shared by the listener's starts)
     * @param closed told once per claim that it is closed
     */
    AckBatcher(TriggerStore store, int maxSize, Duration maxDelay, Scheduler scheduler, AtomicLong failed,
            Consumer<Claim> closed) {
        this.store = store;
        this.maxSize = maxSize;
        this.maxDelay = maxDelay;
        this.scheduler = scheduler;
        this.failed = failed;
        this.closed = closed;
    }

    @Override
    public void ack(Claim claim) {
        if (claim.lease() < 0) {
            // A broadcast occurrence has no claim in Redis.
            closed.accept(claim);
            return;
        }
        Sinks.EmitResult result;
        synchronized (pending) {
            result = pending.tryEmitNext(claim);
        }
        if (result.isFailure()) {
            // Only after complete(), which waits for every handler: a bug, but never a silent one.
            failed.incrementAndGet();
            log.error("Ack of '{}' arrived after the listener's acks were closed ({}); its lease will re-deliver it",
                    claim.key(), result);
            closed.accept(claim);
        }
    }

    @Override
    public void closed(Claim claim) {
        closed.accept(claim);
    }

    /** How many acks of this batcher were given up to their lease so far. */
    long failed() {
        return failed.get();
    }

    /** Send the batches until {@link #complete()}; completes once every batch is answered or given up. */
    Mono<Void> run() {
        return pending.asFlux()
                .bufferTimeout(maxSize, maxDelay, scheduler, true)
                .flatMap(this::flush, FLUSH_CONCURRENCY)
                .then();
    }

    /** No more acks: send what is buffered, then let {@link #run()} complete. */
    void complete() {
        synchronized (pending) {
            pending.tryEmitComplete();
        }
    }

    private Mono<Void> flush(List<Claim> batch) {
        return HandlerRunner.closing(store.ack(batch), scheduler, error -> retrying(batch, error))
                .doOnSuccess(acked -> recovered())
                .then()
                .onErrorResume(error -> giveUp(batch, error))
                .doFinally(signal -> batch.forEach(closed));
    }

    private void retrying(List<Claim> batch, Throwable error) {
        if (retrying.compareAndSet(false, true)) {
            log.warn("Acknowledging {} handled trigger(s) failed ({}); retrying (further batches retried until one "
                    + "succeeds are logged at DEBUG)", batch.size(), error.toString());
        } else {
            log.debug("Acknowledging {} handled trigger(s) failed ({}); retrying", batch.size(), error.toString());
        }
    }

    private void recovered() {
        retrying.set(false);
        long run = failedRun.getAndSet(0);
        if (run > 0) {
            log.info("Trigger acks succeeded again after {} failed batch(es)", run);
        }
    }

    private Mono<Void> giveUp(List<Claim> batch, Throwable error) {
        failed.addAndGet(batch.size());
        if (failedRun.getAndIncrement() == 0) {
            log.warn("Could not acknowledge {} handled trigger(s) ({}, first '{}'); their leases will re-deliver them "
                    + "(further failed batches until one succeeds are logged at DEBUG; all are counted)",
                    batch.size(), error.toString(), batch.get(0).key());
        } else {
            log.debug("Could not acknowledge {} handled trigger(s) ({})", batch.size(), error.toString());
        }
        return Mono.empty();
    }
}
