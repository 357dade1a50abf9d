package io.symphony.redis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerListenerOptions;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.RedisTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Tracing across time: the span of a trigger's handler continues the trace of the request that set the trigger, with
 * a real tracer (Brave, through Micrometer Tracing) and B3 headers stored with the trigger.
 */
@RedisTest
class TriggerTraceIntegrationTests {

    private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();
    private final Tracing tracing = Tracing.newBuilder()
            .currentTraceContext(ThreadLocalCurrentTraceContext.create())
            .sampler(Sampler.ALWAYS_SAMPLE)
            .addSpanHandler(new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    spans.add(span);
                    return true;
                }
            })
            .build();
    private PrivateRedisServer server;
    private SymphonyRuntime runtime;
    private TriggerListener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.stop().block(Duration.ofSeconds(30));
        }
        if (runtime != null) {
            runtime.close().block(Duration.ofSeconds(10));
        }
        if (server != null) {
            server.close();
        }
        tracing.close();
    }

    private ObservationRegistry tracedRegistry() {
        BraveTracer tracer = new BraveTracer(tracing.tracer(),
                new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
        BravePropagator propagator = new BravePropagator(tracing);
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
        return registry;
    }

    @Test
    void theHandlersSpan_continuesTheTraceOfTheRequestThatSetTheTrigger() {
        server = PrivateRedisServer.start("--notify-keyspace-events", "Ex", "--hz", "100");
        ObservationRegistry observations = tracedRegistry();
        SymphonyObservability observability = SymphonyObservability.builder(new SimpleMeterRegistry())
                .observationRegistry(observations).commandTracing(false).build();
        runtime = SymphonyRuntime.create(observability.instrument(SymphonyRedisConfig.builder().url(server.uri()))
                .build()).block(Duration.ofSeconds(30));
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on("remind", event -> Mono.empty());
        listener = TriggerListener.create(runtime, registry,
                observability.instrument(TriggerListenerOptions.builder()).build());
        listener.start().block(Duration.ofSeconds(30));

        Observation request = Observation.createNotStarted("http.server.requests", observations)
                .contextualName("chat request").start();
        observability.repositories(runtime).trigger("acme").set("remind", "u1", Duration.ofMillis(300))
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, request))
                .as(StepVerifier::create).expectNext(true).verifyComplete();
        request.stop();

        await().atMost(Duration.ofSeconds(20)).until(() -> span("trigger remind").isPresent());
        MutableSpan requestSpan = span("chat request").orElseThrow();
        MutableSpan handlerSpan = span("trigger remind").orElseThrow();
        MutableSpan scheduleSpan = span("trigger schedule").orElseThrow();

        assertThat(handlerSpan.traceId()).as("same trace as the request").isEqualTo(requestSpan.traceId());
        assertThat(scheduleSpan.traceId()).isEqualTo(requestSpan.traceId());
        assertThat(ancestors(handlerSpan)).as("request -> trigger set -> schedule -> handler")
                .containsSubsequence(scheduleSpan.id(), requestSpan.id());
        assertThat(handlerSpan.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
        assertThat(scheduleSpan.kind()).isEqualTo(brave.Span.Kind.PRODUCER);
        assertThat(handlerSpan.startTimestamp()).as("started after the trigger came due, not with the request")
                .isGreaterThanOrEqualTo(requestSpan.startTimestamp() + 250_000);
    }

    private Optional<MutableSpan> span(String name) {
        return spans.stream().filter(span -> name.equalsIgnoreCase(span.name())).findFirst();
    }

    private List<String> ancestors(MutableSpan span) {
        Map<String, MutableSpan> byId = new HashMap<>();
        spans.forEach(each -> byId.put(each.id(), each));
        List<String> chain = new CopyOnWriteArrayList<>();
        for (String parent = span.parentId(); parent != null; parent = byId.containsKey(parent)
                ? byId.get(parent).parentId() : null) {
            chain.add(parent);
        }
        return chain;
    }
}
