package io.symphony.redis.listener;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Options of {@link TriggerListener}.
 *
 * @param events options of the keyspace-event stream (pool alias, buffer)
 * @param sweepInterval longest pause between two sweeps of the due-index; the sweeper wakes earlier when the next
 *     entry comes due sooner
 * @param batchSize entries claimed per sweep script
 * @param lease how long a claim may stay unacknowledged before another instance re-delivers it; {@code null}:
 *     the registry policy's worst case plus 30 s
 * @param dedupWindow how long a claimed key is remembered, so a late keyspace event of an already-claimed
 *     occurrence is not mistaken for a key written without an index entry
 * @param scheduler the scheduler of the sweeper timer, handler timeouts and retry backoff
 * @param sweepTimeout longest wait for a sweep script's reply before the sweep counts as failed and the next one
 *     is sent; it bounds how long a sweep queued for a dead node (a Cluster or Sentinel failover) holds up the
 *     sweeper, which otherwise waits the full command timeout. Claims a timed-out sweep did take on the server are
 *     re-delivered after their lease, never lost and never run twice
 * @since 0.1
 */
public record TriggerListenerOptions(ExpiryEventsOptions events, Duration sweepInterval, int batchSize,
        @Nullable Duration lease, Duration dedupWindow, Scheduler scheduler, Duration sweepTimeout) {

    /** Default sweep interval: 100 ms. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(100);
    /** Default claim batch: 500. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Default dedup window: 10 minutes (keyspace events were measured up to 77 s late). */
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(10);
    /** Default sweep timeout: 3 s (a failover on the local test Cluster re-routes commands ~2.8 s after a kill). */
    public static final Duration DEFAULT_SWEEP_TIMEOUT = Duration.ofSeconds(3);

    /** Validate. */
    public TriggerListenerOptions {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(dedupWindow, "dedupWindow");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(sweepTimeout, "sweepTimeout");
        if (sweepInterval.toMillis() < 1) {
            throw new IllegalArgumentException("sweepInterval must be >= 1 ms, was " + sweepInterval);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        if (lease != null && lease.toMillis() < 1) {
            throw new IllegalArgumentException("lease must be >= 1 ms, was " + lease);
        }
        if (dedupWindow.toMillis() < 1) {
            throw new IllegalArgumentException("dedupWindow must be >= 1 ms, was " + dedupWindow);
        }
        if (sweepTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("sweepTimeout must be >= 1 ms, was " + sweepTimeout);
        }
    }

    /** The defaults. */
    public static TriggerListenerOptions defaults() {
        return new TriggerListenerOptions(ExpiryEventsOptions.defaults(), DEFAULT_SWEEP_INTERVAL, DEFAULT_BATCH_SIZE,
                null, DEFAULT_DEDUP_WINDOW, Schedulers.parallel(), DEFAULT_SWEEP_TIMEOUT);
    }

    /** A copy with another sweep interval. */
    public TriggerListenerOptions withSweepInterval(Duration interval) {
        return new TriggerListenerOptions(events, interval, batchSize, lease, dedupWindow, scheduler, sweepTimeout);
    }

    /** A copy with another batch size. */
    public TriggerListenerOptions withBatchSize(int size) {
        return new TriggerListenerOptions(events, sweepInterval, size, lease, dedupWindow, scheduler, sweepTimeout);
    }

    /** A copy with a fixed lease. */
    public TriggerListenerOptions withLease(Duration newLease) {
        return new TriggerListenerOptions(events, sweepInterval, batchSize, newLease, dedupWindow, scheduler,
                sweepTimeout);
    }

    /** A copy with another dedup window. */
    public TriggerListenerOptions withDedupWindow(Duration window) {
        return new TriggerListenerOptions(events, sweepInterval, batchSize, lease, window, scheduler, sweepTimeout);
    }

    /** A copy with another scheduler. */
    public TriggerListenerOptions withScheduler(Scheduler newScheduler) {
        return new TriggerListenerOptions(events, sweepInterval, batchSize, lease, dedupWindow, newScheduler,
                sweepTimeout);
    }

    /** A copy with another sweep timeout. */
    public TriggerListenerOptions withSweepTimeout(Duration timeout) {
        return new TriggerListenerOptions(events, sweepInterval, batchSize, lease, dedupWindow, scheduler, timeout);
    }

    /** A copy with other event-stream options. */
    public TriggerListenerOptions withEvents(ExpiryEventsOptions newEvents) {
        return new TriggerListenerOptions(newEvents, sweepInterval, batchSize, lease, dedupWindow, scheduler,
                sweepTimeout);
    }
}
