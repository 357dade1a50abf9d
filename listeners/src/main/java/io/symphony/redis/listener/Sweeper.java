package io.symphony.redis.listener;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The due-index sweeper's clock: when the next sweep script runs and how much it claims.
 *
 * <p><b>Batch.</b> A sweep claims {@code min(batchSize, capacity)} entries, whatever the number of free handler
 * slots: the claims go to a local hand-off queue that holds at most {@code capacity} waiting claims. While too many
 * wait for a whole batch to fit, the sweeper sends nothing and looks again after {@link #BUSY_RECHECK}.
 *
 * <p><b>Next wake-up.</b> After a sweep that claimed a whole batch, at once (more are due); else when the next
 * entry or lease comes due (the script returns it, in the server's time), but no sooner than {@link #MIN_GAP} and at
 * the latest after {@code interval};
 * after a failed sweep (an error, or no reply within {@code timeout}), after {@code interval}. The first failure of a
 * run is logged at WARN, the following ones at DEBUG until a sweep succeeds again.
 *
 * <p><b>Stop.</b> The stop signal ends the pause and prevents the next sweep, but never cancels a sweep in flight:
 * its script has taken the claims on the server, so dropping the reply would strand them until their lease runs
 * out. Only the timeout drops a reply, when the node is most likely gone (failover).
 */
final class Sweeper {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    /** How soon the sweeper looks again while the hand-off queue has no room for a batch; costs no Redis call. */
    static final Duration BUSY_RECHECK = Duration.ofMillis(2);
    /**
     * The shortest pause after a sweep that did not fill its batch: entries coming due a fraction of a millisecond
     * apart (thousands per second) share one script instead of one each, for at most this much more fire lag.
     */
    static final Duration MIN_GAP = Duration.ofMillis(3);

    private final IntFunction<Mono<TriggerStore.Sweep>> sweep;
    private final int batch;
    private final int capacity;
    private final IntSupplier waiting;
    private final Duration interval;
    private final Duration timeout;
    private final Scheduler scheduler;
    private final AtomicLong nextDelay = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param sweep runs one sweep script claiming at most the given number of entries
     * @param batchSize entries one sweep claims at most
     * @param capacity claims that may wait locally at most
     * @param waiting how many claims wait locally now
     */
    Sweeper(IntFunction<Mono<TriggerStore.Sweep>> sweep, int batchSize, int capacity, IntSupplier waiting,
            Duration interval, Duration timeout, Scheduler scheduler) {
        this.sweep = sweep;
        this.batch = Math.min(batchSize, capacity);
        this.capacity = capacity;
        this.waiting = waiting;
        this.interval = interval;
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    /**
     * Sweep until {@code stopping} signals: emits each successful sweep, after {@code taken} saw it (so claims are
     * accounted for before the next sweep sizes its batch). Never fails.
     */
    Flux<TriggerStore.Sweep> run(Mono<Void> stopping, Consumer<TriggerStore.Sweep> taken) {
        AtomicBoolean stop = new AtomicBoolean();
        Flux<TriggerStore.Sweep> once = Flux.<TriggerStore.Sweep>defer(() -> {
            if (capacity - waiting.getAsInt() < batch) {
                nextDelay.set(Math.min(interval.toMillis(), BUSY_RECHECK.toMillis()));
                return Flux.empty();
            }
            return sweepOnce(taken);
        });
        Mono<Void> pause = Mono.firstWithSignal(
                Mono.defer(() -> Mono.delay(Duration.ofMillis(nextDelay.get()), scheduler)).then(),
                stopping.doOnTerminate(() -> stop.set(true)));
        return once.concatWith(pause.then(Mono.<TriggerStore.Sweep>empty())).repeat(() -> !stop.get());
    }

    /** The pause before the next sweep, as planned after the last one (ms). */
    long nextDelayMillis() {
        return nextDelay.get();
    }

    private Mono<TriggerStore.Sweep> sweepOnce(Consumer<TriggerStore.Sweep> taken) {
        return sweep.apply(batch)
                .timeout(timeout, scheduler)
                .doOnNext(result -> {
                    taken.accept(result);
                    plan(result);
                    long failed = failures.getAndSet(0);
                    if (failed > 0) {
                        log.info("Due-index sweep succeeded again after {} failed sweep(s)", failed);
                    }
                })
                .onErrorResume(error -> {
                    if (failures.getAndIncrement() == 0) {
                        log.warn("Due-index sweep failed ({}); retrying every {} (further failures until a sweep "
                                + "succeeds again are logged at DEBUG)", error.toString(), interval);
                    } else {
                        log.debug("Due-index sweep failed ({})", error.toString());
                    }
                    nextDelay.set(interval.toMillis());
                    return Mono.empty();
                });
    }

    private void plan(TriggerStore.Sweep result) {
        long max = interval.toMillis();
        if (result.claims().size() >= batch) {
            nextDelay.set(0);
        } else if (result.nextWake() < 0) {
            nextDelay.set(max);
        } else {
            nextDelay.set(Math.min(max, Math.max(MIN_GAP.toMillis(), result.nextWake() - result.now())));
        }
    }
}
