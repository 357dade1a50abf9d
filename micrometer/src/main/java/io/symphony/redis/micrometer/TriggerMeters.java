package io.symphony.redis.micrometer;

import static io.symphony.redis.micrometer.MeterNames.TAG_ACTION;
import static io.symphony.redis.micrometer.MeterNames.TAG_NAMESPACE;
import static io.symphony.redis.micrometer.MeterNames.TAG_OUTCOME;
import static io.symphony.redis.micrometer.MeterNames.TAG_SOURCE;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.symphony.redis.listener.ExpiryEvent;
import io.symphony.redis.listener.ListenerState;
import io.symphony.redis.listener.TriggerEvent;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerObserver;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The meters of trigger listeners, and one consumer observation {@value MeterNames#TRIGGER_HANDLER} per handled
 * occurrence that continues the trace stored with the trigger (see {@link TraceContextPropagation}).
 *
 * <p>While a listener runs (from {@link #started} to {@link #stopped}) it also follows the listener's live state:
 * its connection state and gaps, in-flight claims, dropped events, and the due-index size, read with {@code ZCARD}
 * every poll interval.
 */
final class TriggerMeters implements TriggerObserver {

    private static final Logger log = LoggerFactory.getLogger(TriggerMeters.class);
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};
    /** The {@code namespace} tag of the default namespace (whose name is empty). */
    static final String DEFAULT_NAMESPACE = "default";

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Duration duePoll;
    private final Map<TriggerListener, Running> running = new ConcurrentHashMap<>();

    TriggerMeters(MeterRegistry meters, ObservationRegistry observations, Duration duePoll) {
        this.meters = meters;
        this.observations = observations;
        this.duePoll = duePoll;
    }

    /** What one running listener's gauges read, and the subscriptions that feed them. */
    private static final class Running {

        final AtomicReference<ListenerState> state = new AtomicReference<>(ListenerState.CONNECTING);
        final AtomicLong due = new AtomicLong();
        final List<Meter> gauges = new CopyOnWriteArrayList<>();
        final Disposable.Composite subscriptions = Disposables.composite();
    }

    @Override
    public void started(TriggerListener listener) {
        Running live = new Running();
        Tags tags = Tags.of(TAG_NAMESPACE, listener.namespace().isEmpty() ? DEFAULT_NAMESPACE : listener.namespace());
        live.gauges.add(Gauge.builder(MeterNames.TRIGGER_IN_FLIGHT, listener, TriggerListener::inFlight)
                .description("Occurrences this instance claimed and has not finished").tags(tags).register(meters));
        live.gauges.add(Gauge.builder(MeterNames.TRIGGER_DUE, live.due, AtomicLong::get)
                .description("Triggers waiting in the due-index (ZCARD, polled)").tags(tags).register(meters));
        live.gauges.add(FunctionCounter.builder(MeterNames.LISTENER_EVENTS_DROPPED, listener,
                        l -> l.events().droppedEvents())
                .description("Expiry events dropped because the listener's buffer was full").tags(tags)
                .register(meters));
        for (ListenerState state : ListenerState.values()) {
            live.gauges.add(Gauge.builder(MeterNames.LISTENER_STATE, live.state, s -> s.get() == state ? 1 : 0)
                    .description("1 for the current state of the expiry subscription, 0 for the others")
                    .strongReference(true).tags(tags).tag(MeterNames.TAG_STATE, state.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
        Counter gaps = Counter.builder(MeterNames.LISTENER_GAPS)
                .description("Losses of the expiry subscription: events published until it was back are missed")
                .tags(tags).register(meters);
        live.subscriptions.add(listener.events().states().subscribe(state -> {
            if (state == ListenerState.RECONNECTING && live.state.get() != ListenerState.RECONNECTING) {
                gaps.increment();
            }
            live.state.set(state);
        }, error -> log.debug("Listener state stream ended ({})", error.toString())));
        live.subscriptions.add(Flux.interval(Duration.ZERO, duePoll)
                .onBackpressureDrop()
                .concatMap(tick -> listener.pending().onErrorResume(error -> {
                    log.debug("Reading the due-index size failed ({}); the gauge keeps its last value",
                            error.toString());
                    return Mono.empty();
                }), 1)
                .subscribe(live.due::set, error -> log.debug("Due-index polling ended ({})", error.toString())));
        Running previous = running.put(listener, live);
        if (previous != null) {
            close(previous);
        }
    }

    @Override
    public void stopped(TriggerListener listener) {
        Running live = running.remove(listener);
        if (live != null) {
            live.state.set(ListenerState.STOPPED);
            close(live);
        }
    }

    private void close(Running live) {
        live.subscriptions.dispose();
        live.gauges.stream().filter(meter -> !meter.getId().getName().equals(MeterNames.LISTENER_STATE))
                .forEach(meters::remove);
    }

    @Override
    public void eventReceived(ExpiryEvent event) {
        Counter.builder(MeterNames.LISTENER_EVENTS_RECEIVED)
                .description("Expiry events of trigger keys with a handler here that reached the listener")
                .register(meters).increment();
    }

    @Override
    public void fired(TriggerEvent event, Duration lag) {
        Tags tags = Tags.of(TAG_ACTION, event.action(), TAG_SOURCE, source(event));
        Counter.builder(MeterNames.TRIGGER_FIRED).description("Occurrences whose handler started, by source")
                .tags(tags).register(meters).increment();
        Timer.builder(MeterNames.TRIGGER_FIRE_LAG)
                .description("Due time to the start of the handler's first attempt")
                .tags(tags).publishPercentiles(PERCENTILES).publishPercentileHistogram()
                .register(meters).record(lag);
    }

    @Override
    public Mono<Void> handling(TriggerEvent event, Mono<Void> handling) {
        return Mono.deferContextual(context -> {
            ReceiverContext<Map<String, String>> receiver = new ReceiverContext<>(
                    (carrier, key) -> carrier.get(key), Kind.CONSUMER);
            receiver.setCarrier(TraceContextPropagation.carrier(context));
            receiver.setRemoteServiceName("redis");
            Observation observation = Observation.createNotStarted(MeterNames.TRIGGER_HANDLER, () -> receiver,
                            observations)
                    .contextualName("trigger " + event.action())
                    .lowCardinalityKeyValue(TAG_ACTION, event.action())
                    .lowCardinalityKeyValue(TAG_SOURCE, source(event))
                    .start();
            RepositoryObservations.Stop stop = new RepositoryObservations.Stop(observation);
            return handling.doOnSuccess(ignored -> stop.succeeded())
                    .doOnError(stop::failed)
                    .doOnCancel(stop::cancelled)
                    .contextWrite(inner -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    @Override
    public void retried(TriggerEvent event, int attempt, Throwable error) {
        Counter.builder(MeterNames.TRIGGER_RETRIES).description("Handler attempts that failed and were retried")
                .tag(TAG_ACTION, event.action()).register(meters).increment();
    }

    @Override
    public void deadLettered(String action, int attempts) {
        Counter.builder(MeterNames.TRIGGER_DEAD_LETTERS).description("Occurrences moved to the dead letters")
                .tag(TAG_ACTION, action).tag(MeterNames.TAG_REASON, attempts == 0 ? "no_handler" : "handler_failed")
                .register(meters).increment();
    }

    @Override
    public void unknownAction(String action) {
        Counter.builder(MeterNames.TRIGGER_UNKNOWN_ACTIONS)
                .description("Due triggers of this namespace whose action has no handler here")
                .tag(TAG_ACTION, action).register(meters).increment();
    }

    @Override
    public void leasesRenewed(int renewed, int lost) {
        renewals("renewed").increment(renewed);
        renewals("lost").increment(lost);
    }

    @Override
    public void leaseRenewalFailed(Throwable error) {
        renewals("failed").increment();
    }

    private Counter renewals(String outcome) {
        return Counter.builder(MeterNames.TRIGGER_LEASE_RENEWALS)
                .description("Claim leases renewed, found lost, or renewal rounds that failed")
                .tag(TAG_OUTCOME, outcome).register(meters);
    }

    @Override
    public void swept(Duration took, int claimed, @Nullable Throwable error) {
        Timer.builder(MeterNames.TRIGGER_SWEEPS).description("Sweeps of the due-index, by outcome")
                .tag(TAG_OUTCOME, error == null ? "success" : "failure").register(meters).record(took);
        Counter.builder(MeterNames.TRIGGER_SWEEP_CLAIMED).description("Occurrences claimed by sweeps")
                .register(meters).increment(claimed);
    }

    private static String source(TriggerEvent event) {
        return event.source().name().toLowerCase(Locale.ROOT);
    }
}
