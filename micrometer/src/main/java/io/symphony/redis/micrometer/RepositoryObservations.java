package io.symphony.redis.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.symphony.redis.repository.RepositoryCall;
import io.symphony.redis.repository.RepositoryObserver;
import io.symphony.redis.repository.TriggerContextPropagator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * One observation {@value MeterNames#REPOSITORY} per subscription of a repository call, child of the observation in
 * the subscriber's Reactor Context (a request's, a handler's), and the parent of what the call does (its Lettuce
 * command observations, a trigger's schedule span). Low-cardinality keys: {@code repository}, {@code operation},
 * {@code pool}, {@code outcome} ({@code success}, {@code error}, {@code cancelled}) and, when asked for,
 * {@code tenant}; an error is set on the observation (the meter handler tags its type as {@code error}). A trigger
 * {@code set} that succeeds also counts {@value MeterNames#TRIGGER_SET}; a cancel counts the triggers it deleted in
 * {@value MeterNames#TRIGGER_CANCELLED}.
 */
final class RepositoryObservations implements RepositoryObserver {

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final boolean tenantTag;
    private final List<TriggerContextPropagator> tracePropagation;
    private final @Nullable RepositoryTimers timersOnly;

    /**
     * Observe calls on {@code observations}, or, when {@code timersOnly} (no registry was given, so an observation
     * could only make a timer), record the same timers directly, without an {@code Observation} per call.
     */
    RepositoryObservations(MeterRegistry meters, ObservationRegistry observations, boolean tenantTag,
            TriggerContextPropagator tracePropagation, boolean timersOnly) {
        this.meters = meters;
        this.observations = observations;
        this.tenantTag = tenantTag;
        this.tracePropagation = List.of(tracePropagation);
        this.timersOnly = timersOnly ? new RepositoryTimers(meters, tenantTag) : null;
    }

    /** The trace propagator: every trigger set on an instrumented support carries the trace to its handler. */
    @Override
    public List<TriggerContextPropagator> triggerContextPropagators() {
        return tracePropagation;
    }

    @Override
    public <T> Mono<T> observe(RepositoryCall call, Mono<T> mono) {
        RepositoryTimers timers = timersOnly;
        if (timers != null) {
            return Mono.defer(() -> {
                RepositoryTimers.Stopwatch stopwatch = timers.start(call);
                return mono.doOnSuccess(value -> {
                            countTriggers(call, value);
                            stopwatch.succeeded();
                        })
                        .doOnError(stopwatch::failed)
                        .doOnCancel(stopwatch::cancelled);
            });
        }
        return Mono.deferContextual(context -> {
            Stop stop = new Stop(start(call, context));
            return mono.doOnSuccess(value -> {
                        countTriggers(call, value);
                        stop.succeeded();
                    })
                    .doOnError(stop::failed)
                    .doOnCancel(stop::cancelled)
                    .contextWrite(inner -> inner.put(ObservationThreadLocalAccessor.KEY, stop.observation));
        });
    }

    @Override
    public <T> Flux<T> observeMany(RepositoryCall call, Flux<T> flux) {
        RepositoryTimers timers = timersOnly;
        if (timers != null) {
            return Flux.defer(() -> {
                RepositoryTimers.Stopwatch stopwatch = timers.start(call);
                return flux.doOnComplete(stopwatch::succeeded)
                        .doOnError(stopwatch::failed)
                        .doOnCancel(stopwatch::cancelled);
            });
        }
        return Flux.deferContextual(context -> {
            Stop stop = new Stop(start(call, context));
            return flux.doOnComplete(stop::succeeded)
                    .doOnError(stop::failed)
                    .doOnCancel(stop::cancelled)
                    .contextWrite(inner -> inner.put(ObservationThreadLocalAccessor.KEY, stop.observation));
        });
    }

    /**
     * Stops one observation once, with its outcome, at its first final signal and before that signal goes
     * downstream (so a subscriber that sees the result also sees the observation stopped).
     */
    static final class Stop {

        final Observation observation;
        private final AtomicBoolean stopped = new AtomicBoolean();

        Stop(Observation observation) {
            this.observation = observation;
        }

        void succeeded() {
            stop("success");
        }

        void failed(Throwable error) {
            if (!stopped.get()) {
                observation.error(error);
            }
            stop("error");
        }

        void cancelled() {
            stop("cancelled");
        }

        private void stop(String outcome) {
            if (stopped.compareAndSet(false, true)) {
                observation.lowCardinalityKeyValue(MeterNames.TAG_OUTCOME, outcome).stop();
            }
        }
    }

    private Observation start(RepositoryCall call, ContextView context) {
        Observation observation = Observation.createNotStarted(MeterNames.REPOSITORY, observations)
                .contextualName(call.repository() + " " + call.operation())
                .lowCardinalityKeyValue("repository", call.repository())
                .lowCardinalityKeyValue("operation", call.operation())
                .lowCardinalityKeyValue(MeterNames.TAG_POOL, call.pool());
        if (tenantTag) {
            observation.lowCardinalityKeyValue("tenant", call.tenant());
        }
        context.<Observation>getOrEmpty(ObservationThreadLocalAccessor.KEY).ifPresent(observation::parentObservation);
        return observation.start();
    }

    private void countTriggers(RepositoryCall call, @Nullable Object value) {
        if (!call.repository().equals("trigger")) {
            return;
        }
        if (call.operation().equals("set")) {
            Counter.builder(MeterNames.TRIGGER_SET).description("Triggers set").tag(MeterNames.TAG_POOL, call.pool())
                    .register(meters).increment();
        } else if (value instanceof Long deleted && deleted > 0) {
            Counter.builder(MeterNames.TRIGGER_CANCELLED).description("Triggers cancelled before they fired")
                    .tag(MeterNames.TAG_POOL, call.pool()).register(meters).increment(deleted);
        }
    }
}
