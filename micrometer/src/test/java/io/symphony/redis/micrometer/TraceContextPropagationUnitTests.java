package io.symphony.redis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationRegistry;
import io.symphony.redis.repository.TriggerContextPropagator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

class TraceContextPropagationUnitTests {

    private final TraceContextPropagation propagation = new TraceContextPropagation(ObservationRegistry.create());

    @Test
    void headers_roundTrip_throughTheStoredValue() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        headers.put("baggage", "user=a&b, tenant=x=y");

        String stored = TraceContextPropagation.encode(headers).orElseThrow();

        assertThat(TraceContextPropagation.decode(stored)).containsExactlyEntriesOf(headers);
        assertThat(TraceContextPropagation.carrier(propagation.restore(Context.empty(), stored)))
                .containsExactlyEntriesOf(headers);
    }

    @Test
    void oversizedHeaders_keepTheTraceHeaders_andDropTheRest() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1");
        headers.put("baggage", "x".repeat(TriggerContextPropagator.MAX_VALUE_CHARS));

        String stored = TraceContextPropagation.encode(headers).orElseThrow();

        assertThat(stored.length()).isLessThanOrEqualTo(TriggerContextPropagator.MAX_VALUE_CHARS);
        assertThat(TraceContextPropagation.decode(stored)).containsOnlyKeys("b3");
        assertThat(TraceContextPropagation.encode(Map.of("baggage", "x".repeat(2_000)))).isEmpty();
    }

    @Test
    void withoutAnObservation_nothingIsCaptured() {
        assertThat(propagation.capture(Context.empty())).isEmpty();
        assertThat(TraceContextPropagation.encode(Map.of())).isEmpty();
    }
}
