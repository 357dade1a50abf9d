package io.symphony.redis.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.symphony.redis.repository.TriggerContextPropagator;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Carries a trace from where a trigger is set to where its handler runs, as messaging instrumentation does: at
 * {@code set}, a producer observation {@value MeterNames#TRIGGER_SCHEDULE} (child of the observation in the
 * subscriber's Context) is started and stopped at once, and the headers the tracing handler of the registry writes
 * for it ({@code traceparent}, {@code b3}, ...) are stored with the trigger; in the listener they are put back in the
 * handler's Context, where {@link TriggerMeters} reads them into the handler's consumer observation. With a tracing
 * bridge (Brave, OpenTelemetry) on the registry the handler's span thus continues the request's trace, seconds or
 * days later; without one nothing is written.
 *
 * <p>The stored value is at most {@link TriggerContextPropagator#MAX_VALUE_CHARS} characters: headers past it are
 * left out (trace headers first kept, baggage dropped), and the trace is not carried when even those do not fit.
 */
final class TraceContextPropagation implements TriggerContextPropagator {

    /** The name of this propagator's value in a trigger's context snapshot. */
    static final String NAME = "trace";

    private static final Logger log = LoggerFactory.getLogger(TraceContextPropagation.class);
    private static final Set<String> TRACE_HEADERS = Set.of("traceparent", "tracestate", "b3", "x-b3-traceid",
            "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

    /** Where the restored headers wait in the handler's Context for its observation. */
    static final Object CARRIER_KEY = new Object() {
        @Override
        public String toString() {
            return "symphony.redis.trigger.trace-carrier";
        }
    };

    private final ObservationRegistry observations;

    TraceContextPropagation(ObservationRegistry observations) {
        this.observations = observations;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> capture(ContextView context) {
        Optional<Observation> parent = context.<Observation>getOrEmpty(ObservationThreadLocalAccessor.KEY)
                .or(() -> Optional.ofNullable(observations.getCurrentObservation()));
        if (parent.isEmpty() || parent.get().isNoop()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new LinkedHashMap<>();
        SenderContext<Map<String, String>> sender = new SenderContext<>(
                (headers, key, value) -> {
                    if (headers != null) {
                        headers.put(key, value);
                    }
                }, Kind.PRODUCER);
        sender.setCarrier(carrier);
        sender.setRemoteServiceName("redis");
        Observation.createNotStarted(MeterNames.TRIGGER_SCHEDULE, () -> sender, observations)
                .contextualName("trigger schedule")
                .parentObservation(parent.get())
                .start()
                .stop();
        return encode(carrier);
    }

    @Override
    public Context restore(Context context, String value) {
        Map<String, String> carrier = decode(value);
        return carrier.isEmpty() ? context : context.put(CARRIER_KEY, carrier);
    }

    /** The restored headers in {@code context}, or none. */
    static Map<String, String> carrier(ContextView context) {
        return context.<Map<String, String>>getOrEmpty(CARRIER_KEY).orElse(Map.of());
    }

    static Optional<String> encode(Map<String, String> carrier) {
        if (carrier.isEmpty()) {
            return Optional.empty();
        }
        String all = join(carrier);
        if (all.length() <= MAX_VALUE_CHARS) {
            return Optional.of(all);
        }
        Map<String, String> trace = new LinkedHashMap<>();
        carrier.forEach((key, value) -> {
            if (TRACE_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
                trace.put(key, value);
            }
        });
        String essential = join(trace);
        if (!trace.isEmpty() && essential.length() <= MAX_VALUE_CHARS) {
            return Optional.of(essential);
        }
        log.warn("Trace headers of {} characters do not fit a trigger's context ({} at most); the trigger's handler "
                + "starts a new trace", all.length(), MAX_VALUE_CHARS);
        return Optional.empty();
    }

    private static String join(Map<String, String> carrier) {
        StringBuilder joined = new StringBuilder();
        carrier.forEach((key, value) -> {
            if (joined.length() > 0) {
                joined.append('&');
            }
            joined.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return joined.toString();
    }

    static Map<String, String> decode(String value) {
        Map<String, String> carrier = new LinkedHashMap<>();
        int start = 0;
        while (start < value.length()) {
            int end = value.indexOf('&', start);
            String pair = value.substring(start, end < 0 ? value.length() : end);
            int equals = pair.indexOf('=');
            if (equals > 0) {
                carrier.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            start = end < 0 ? value.length() : end + 1;
        }
        return Collections.unmodifiableMap(carrier);
    }
}
