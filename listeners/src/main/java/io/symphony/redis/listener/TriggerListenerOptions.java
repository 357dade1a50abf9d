package io.symphony.redis.listener;

import java.time.Clock;
import java.time.Duration;
import io.symphony.redis.repository.TriggerContextPropagator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Options of {@link TriggerListener}: the event stream, the sweeper's pace, the claim lease and the schedulers and
 * clock the listener waits and measures with. Immutable; build with {@link #builder()}, copy with
 * {@link #toBuilder()}.
 *
 * @since 0.1
 */
public final class TriggerListenerOptions {

    /** Default sweep interval: 100 ms. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(100);
    /** Default claim batch: 500. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Default dedup window: 10 minutes (keyspace events were measured up to 77 s late). */
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(10);
    /** Default sweep timeout: 3 s (a failover on the local test Cluster re-routes commands ~2.8 s after a kill). */
    public static final Duration DEFAULT_SWEEP_TIMEOUT = Duration.ofSeconds(3);
    /** Default lease: none set, the registry policy's worst case plus 30 s (see {@link #lease()}). */
    public static final @Nullable Duration DEFAULT_LEASE = null;
    /** Default bound on claims held but not running (waiting for a handler slot or their ack): 1,000. */
    public static final int DEFAULT_MAX_WAITING_CLAIMS = 1_000;
    /** Default acknowledgements per ack script: 500. */
    public static final int DEFAULT_ACK_BATCH_SIZE = 500;
    /** Default longest wait of an acknowledgement for others to share its script: 5 ms. */
    public static final Duration DEFAULT_ACK_MAX_DELAY = Duration.ofMillis(5);

    private static final TriggerListenerOptions DEFAULTS = builder().build();

    private final ExpiryEventsOptions events;
    private final Duration sweepInterval;
    private final int batchSize;
    private final @Nullable Duration lease;
    private final Duration dedupWindow;
    private final Scheduler scheduler;
    private final Scheduler handlerScheduler;
    private final Duration sweepTimeout;
    private final Clock clock;
    private final List<TriggerContextPropagator> contextPropagators;
    private final Set<String> originalActions;
    private final int maxWaitingClaims;
    private final int ackBatchSize;
    private final Duration ackMaxDelay;
    private final TriggerObserver observer;

    private TriggerListenerOptions(Builder builder) {
        this.events = builder.events;
        this.sweepInterval = builder.sweepInterval;
        this.batchSize = builder.batchSize;
        this.lease = builder.lease;
        this.dedupWindow = builder.dedupWindow;
        this.scheduler = builder.scheduler;
        this.handlerScheduler = builder.handlerScheduler;
        this.sweepTimeout = builder.sweepTimeout;
        this.clock = builder.clock;
        this.contextPropagators = builder.contextPropagators;
        this.originalActions = builder.originalActions;
        this.maxWaitingClaims = builder.maxWaitingClaims;
        this.ackBatchSize = builder.ackBatchSize;
        this.ackMaxDelay = builder.ackMaxDelay;
        this.observer = builder.observer;
    }

    /** Return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Return the defaults. */
    public static TriggerListenerOptions defaults() {
        return DEFAULTS;
    }

    /** Return a builder holding these options' values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Return the options of the keyspace-event stream (pool alias, buffer). */
    public ExpiryEventsOptions events() {
        return events;
    }

    /**
     * Return the longest pause between two sweeps of the due-index; the sweeper wakes earlier when the next entry
     * comes due sooner.
     */
    public Duration sweepInterval() {
        return sweepInterval;
    }

    /**
     * Return how many entries one sweep script claims at most. A sweep claims a whole batch whatever the number of
     * free handler slots, as long as {@link #maxWaitingClaims()} leaves room for it.
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Return how many claims this instance may hold without running them: claims waiting in the local hand-off
     * queue for a handler slot, and handled claims waiting for their batched ack. The sweeper claims its next batch
     * only while at most {@code maxWaitingClaims - min(batchSize, maxWaitingClaims)} wait, so the queue never grows
     * beyond this bound from sweeps (event claims add at most the events' claim concurrency), and a stalled ack path
     * stops new claims instead of piling them up. Waiting claims keep their leases renewed.
     */
    public int maxWaitingClaims() {
        return maxWaitingClaims;
    }

    /**
     * Return how many acknowledgements share one ack script at most: a handled claim frees its handler slot at once
     * and its ack waits at most {@link #ackMaxDelay()} for others to share the script.
     */
    public int ackBatchSize() {
        return ackBatchSize;
    }

    /** Return the longest wait of an acknowledgement before its (possibly partial) batch is sent. */
    public Duration ackMaxDelay() {
        return ackMaxDelay;
    }

    /**
     * Return the claim lease, if set: how long a claim stays valid without renewal. A running handler renews its
     * claim's lease every third of it, so the lease bounds how late the claims of a dead instance are re-delivered,
     * not how long a handler may run. Empty: the registry policy's worst case plus 30 s.
     */
    public Optional<Duration> lease() {
        return Optional.ofNullable(lease);
    }

    /**
     * Return how long a claimed key is remembered, so a late keyspace event of an already-claimed occurrence is not
     * mistaken for a key written without an index entry.
     */
    public Duration dedupWindow() {
        return dedupWindow;
    }

    /** Return the scheduler of the sweeper timer, lease renewals, handler timeouts and retry backoff. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Return the scheduler handlers are subscribed on, never a Redis I/O thread; how many run at once is the
     * registry's concurrency.
     */
    public Scheduler handlerScheduler() {
        return handlerScheduler;
    }

    /**
     * Return the longest wait for a sweep script's reply before the sweep counts as failed and the next one is sent;
     * it bounds how long a sweep queued for a dead node (a Cluster or Sentinel failover) holds up the sweeper. Claims
     * a timed-out sweep did take on the server are re-delivered after their lease, never lost and never run twice.
     */
    public Duration sweepTimeout() {
        return sweepTimeout;
    }

    /** Return the clock of local timestamps (fire lag, dead-letter times); claim times are the server's. */
    public Clock clock() {
        return clock;
    }

    /**
     * Return the propagators whose values, stored by {@code RedisTrigger.set}, are restored in the handler's
     * context (the tenant scope and the bound shared state are always restored).
     */
    public List<TriggerContextPropagator> contextPropagators() {
        return contextPropagators;
    }

    /**
     * Return the actions that the original's Python listeners fire in a mixed deployment. The original claims
     * nothing: every one of its listeners runs its handler on the key's expiry event and writes nothing to Redis.
     * So for these actions this listener never runs a handler (even if its registry has one): it ignores their
     * events and removes their due-index entries (written by our {@code RedisTrigger.set}) when they come due,
     * counted in {@link TriggerListener#handedToOriginal()}. Every other action is ours alone. Default: none.
     */
    public Set<String> originalActions() {
        return originalActions;
    }

    /** Return the observer of the listener; {@link TriggerObserver#NOOP} unless one was set. */
    public TriggerObserver observer() {
        return observer;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TriggerListenerOptions that && events.equals(that.events)
                && sweepInterval.equals(that.sweepInterval) && batchSize == that.batchSize
                && Objects.equals(lease, that.lease) && dedupWindow.equals(that.dedupWindow)
                && scheduler == that.scheduler && handlerScheduler == that.handlerScheduler
                && sweepTimeout.equals(that.sweepTimeout) && clock.equals(that.clock)
                && contextPropagators.equals(that.contextPropagators)
                && originalActions.equals(that.originalActions) && maxWaitingClaims == that.maxWaitingClaims
                && ackBatchSize == that.ackBatchSize && ackMaxDelay.equals(that.ackMaxDelay)
                && observer.equals(that.observer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(events, sweepInterval, batchSize, lease, dedupWindow, scheduler, handlerScheduler,
                sweepTimeout, clock, contextPropagators, originalActions, maxWaitingClaims, ackBatchSize, ackMaxDelay,
                observer);
    }

    @Override
    public String toString() {
        return "TriggerListenerOptions[events=" + events + ", sweepInterval=" + sweepInterval + ", batchSize="
                + batchSize + ", lease=" + (lease == null ? "policy worst case + 30s" : lease) + ", dedupWindow="
                + dedupWindow + ", scheduler=" + scheduler + ", handlerScheduler=" + handlerScheduler
                + ", sweepTimeout=" + sweepTimeout + ", clock=" + clock + ", contextPropagators="
                + contextPropagators.stream().map(TriggerContextPropagator::name).toList() + ", originalActions="
                + originalActions + ", maxWaitingClaims=" + maxWaitingClaims + ", ackBatchSize=" + ackBatchSize
                + ", ackMaxDelay=" + ackMaxDelay + (observer == TriggerObserver.NOOP ? "" : ", observer=" + observer)
                + "]";
    }

    /** Builder of {@link TriggerListenerOptions}; each setter rejects a bad value at once, naming it. */
    public static final class Builder {

        private ExpiryEventsOptions events = ExpiryEventsOptions.defaults();
        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private @Nullable Duration lease = DEFAULT_LEASE;
        private Duration dedupWindow = DEFAULT_DEDUP_WINDOW;
        private Scheduler scheduler = Schedulers.parallel();
        private Scheduler handlerScheduler = Schedulers.boundedElastic();
        private Duration sweepTimeout = DEFAULT_SWEEP_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private List<TriggerContextPropagator> contextPropagators = List.of();
        private Set<String> originalActions = Set.of();
        private int maxWaitingClaims = DEFAULT_MAX_WAITING_CLAIMS;
        private int ackBatchSize = DEFAULT_ACK_BATCH_SIZE;
        private Duration ackMaxDelay = DEFAULT_ACK_MAX_DELAY;
        private TriggerObserver observer = TriggerObserver.NOOP;

        private Builder() {
        }

        private Builder(TriggerListenerOptions options) {
            events = options.events;
            sweepInterval = options.sweepInterval;
            batchSize = options.batchSize;
            lease = options.lease;
            dedupWindow = options.dedupWindow;
            scheduler = options.scheduler;
            handlerScheduler = options.handlerScheduler;
            sweepTimeout = options.sweepTimeout;
            clock = options.clock;
            contextPropagators = options.contextPropagators;
            originalActions = options.originalActions;
            maxWaitingClaims = options.maxWaitingClaims;
            ackBatchSize = options.ackBatchSize;
            ackMaxDelay = options.ackMaxDelay;
            observer = options.observer;
        }

        /** Set the keyspace-event stream's options (default {@link ExpiryEventsOptions#defaults()}). */
        public Builder events(ExpiryEventsOptions options) {
            this.events = Objects.requireNonNull(options, "events");
            return this;
        }

        /**
         * Set the longest pause between sweeps (default 100 ms).
         *
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder sweepInterval(Duration interval) {
            this.sweepInterval = Durations.atLeastOneMilli(interval, "sweepInterval");
            return this;
        }

        /**
         * Set the entries claimed per sweep script (default {@value TriggerListenerOptions#DEFAULT_BATCH_SIZE}).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder batchSize(int size) {
            if (size <= 0) {
                throw new IllegalArgumentException("batchSize must be > 0, was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Set a fixed claim lease (default: the registry policy's worst case plus 30 s). {@link TriggerListener}
         * rejects a lease shorter than the registry's per-attempt timeout.
         *
         * @throws IllegalArgumentException if shorter than 30 ms (it is renewed every third of it)
         */
        public Builder lease(Duration fixed) {
            Objects.requireNonNull(fixed, "lease");
            if (fixed.toMillis() < 30) {
                throw new IllegalArgumentException("lease must be >= 30 ms (it is renewed every third), was "
                        + fixed);
            }
            this.lease = fixed;
            return this;
        }

        /** Go back to the default lease: the registry policy's worst case plus 30 s. */
        public Builder defaultLease() {
            this.lease = null;
            return this;
        }

        /**
         * Set how long claimed keys are remembered (default 10 min).
         *
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder dedupWindow(Duration window) {
            this.dedupWindow = Durations.atLeastOneMilli(window, "dedupWindow");
            return this;
        }

        /** Set the scheduler of timers (default {@link Schedulers#parallel()}). */
        public Builder scheduler(Scheduler timers) {
            this.scheduler = Objects.requireNonNull(timers, "scheduler");
            return this;
        }

        /** Set the scheduler handlers run on (default {@link Schedulers#boundedElastic()}). */
        public Builder handlerScheduler(Scheduler handlers) {
            this.handlerScheduler = Objects.requireNonNull(handlers, "handlerScheduler");
            return this;
        }

        /**
         * Set the sweep timeout (default 3 s).
         *
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder sweepTimeout(Duration timeout) {
            this.sweepTimeout = Durations.atLeastOneMilli(timeout, "sweepTimeout");
            return this;
        }

        /** Set the clock of local timestamps (default {@link Clock#systemUTC()}). */
        public Builder clock(Clock local) {
            this.clock = Objects.requireNonNull(local, "clock");
            return this;
        }

        /**
         * Set the propagators of application context entries (default none); use the same ones as the
         * {@code RedisTrigger} that sets the triggers.
         *
         * @throws IllegalArgumentException if more than {@value TriggerContextPropagator#MAX_PROPAGATORS}
         */
        public Builder contextPropagators(List<TriggerContextPropagator> propagators) {
            Objects.requireNonNull(propagators, "contextPropagators");
            if (propagators.size() > TriggerContextPropagator.MAX_PROPAGATORS) {
                throw new IllegalArgumentException("contextPropagators must be at most "
                        + TriggerContextPropagator.MAX_PROPAGATORS + ", were " + propagators.size());
            }
            this.contextPropagators = List.copyOf(propagators);
            return this;
        }

        /**
         * Set the actions the original's Python listeners fire (default none; see
         * {@link TriggerListenerOptions#originalActions()}).
         *
         * @throws IllegalArgumentException if an action is empty
         */
        public Builder originalActions(Set<String> actions) {
            Objects.requireNonNull(actions, "originalActions");
            for (String action : actions) {
                if (action.isEmpty()) {
                    throw new IllegalArgumentException("originalActions must not hold an empty action, were "
                            + actions);
                }
            }
            this.originalActions = Set.copyOf(actions);
            return this;
        }

        /**
         * Set how many claims may wait locally, for a handler slot or for their ack (default
         * {@value TriggerListenerOptions#DEFAULT_MAX_WAITING_CLAIMS}; see
         * {@link TriggerListenerOptions#maxWaitingClaims()}).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxWaitingClaims(int claims) {
            if (claims <= 0) {
                throw new IllegalArgumentException("maxWaitingClaims must be > 0, was " + claims);
            }
            this.maxWaitingClaims = claims;
            return this;
        }

        /**
         * Set how many acknowledgements share one ack script at most (default
         * {@value TriggerListenerOptions#DEFAULT_ACK_BATCH_SIZE}; 1 sends one script per ack).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder ackBatchSize(int acks) {
            if (acks <= 0) {
                throw new IllegalArgumentException("ackBatchSize must be > 0, was " + acks);
            }
            this.ackBatchSize = acks;
            return this;
        }

        /**
         * Set the longest wait of an acknowledgement for others to share its script (default 5 ms). It delays no
         * handler: only when the claim is closed.
         *
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder ackMaxDelay(Duration delay) {
            this.ackMaxDelay = Durations.atLeastOneMilli(delay, "ackMaxDelay");
            return this;
        }

        /**
         * Set the observer of the listener (default {@link TriggerObserver#NOOP}, which costs nothing);
         * {@code SymphonyObservability} of the {@code symphony-redis-micrometer} module sets one that records meters.
         */
        public Builder observer(TriggerObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** Return the options. */
        public TriggerListenerOptions build() {
            return new TriggerListenerOptions(this);
        }
    }
}
