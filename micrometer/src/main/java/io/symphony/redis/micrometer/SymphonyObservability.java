package io.symphony.redis.micrometer;

import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.context.ContextRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.listener.TriggerListenerOptions;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.repository.TriggerContextPropagator;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one place that instruments Symphony Redis with Micrometer: built from a {@link MeterRegistry} (and optionally
 * an {@link ObservationRegistry}), it hands its observers to the toolkit's option builders.
 *
 * <pre>{@code
 * SymphonyObservability observability = SymphonyObservability.builder(meterRegistry)
 *         .observationRegistry(observationRegistry)          // optional: spans and Lettuce command observations
 *         .build();
 * SymphonyRuntime runtime = SymphonyRuntime.create(observability.instrument(SymphonyRedisConfig.builder()
 *         .url("redis://localhost:6379")).build()).block();
 * SymphonyRepositories repos = observability.repositories(runtime);
 * TriggerListener listener = TriggerListener.create(runtime, registry,
 *         observability.instrument(TriggerListenerOptions.builder()).build());
 * }</pre>
 *
 * <p>What each {@code instrument} adds, and the meters it records, is listed in the README's "Observability"
 * section. Nothing here blocks or talks to Redis, except the due-index gauge, which reads {@code ZCARD} every
 * {@link Builder#dueIndexPollInterval(Duration)} while a listener runs.
 *
 * <p><b>Observations.</b> Repository calls and trigger handlers are Micrometer {@code Observation}s: on the given
 * {@code ObservationRegistry} they become spans and, through its meter handler (Spring Boot registers one), timers.
 * Without an {@code ObservationRegistry} there are no spans: repository calls are recorded as timers of the same
 * name and tags directly (no {@code Observation} per call, the cheaper path), and handler observations go to an
 * internal registry that records their timers on the {@code MeterRegistry}.
 * Observations nest through the Reactor {@code Context} key {@code micrometer.observation}, the one Reactor's own
 * {@code Micrometer.observation} and Spring's WebFlux instrumentation use.
 *
 * @since 0.1
 */
public final class SymphonyObservability {

    /** Prefix of every meter and observation name of the toolkit. */
    public static final String PREFIX = "symphony.redis";
    /** Default pause between two {@code ZCARD}s of a running listener's due-index: 10 s. */
    public static final Duration DEFAULT_DUE_INDEX_POLL_INTERVAL = Duration.ofSeconds(10);

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final boolean tracingGiven;
    private final boolean tenantTag;
    private final boolean commandLatency;
    private final boolean commandLatencyHistogram;
    private final boolean commandTracing;
    private final Duration dueIndexPollInterval;
    private final TraceContextPropagation tracePropagation;

    private SymphonyObservability(Builder builder) {
        this.meters = builder.meters;
        ObservationRegistry given = builder.observations;
        this.tracingGiven = given != null;
        this.observations = given != null ? given : meterOnly(builder.meters);
        this.tenantTag = builder.tenantTag;
        this.commandLatency = builder.commandLatency;
        this.commandLatencyHistogram = builder.commandLatencyHistogram;
        this.commandTracing = builder.commandTracing;
        this.dueIndexPollInterval = builder.dueIndexPollInterval;
        this.tracePropagation = new TraceContextPropagation(observations);
    }

    private static ObservationRegistry meterOnly(MeterRegistry meters) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters,
                DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER));
        return registry;
    }

    /**
     * Start a builder recording on {@code meters}.
     *
     * @throws NullPointerException if {@code meters} is {@code null}
     */
    public static Builder builder(MeterRegistry meters) {
        return new Builder(meters);
    }

    /**
     * Instrument the runtime the configuration creates: Lettuce's command latency timers
     * ({@code lettuce.command.completion}, {@code lettuce.command.firstresponse}) tagged with the pool aliases of
     * each connection's (server, DB), Lettuce's command observations when an {@code ObservationRegistry} was given,
     * connection state and re-connects per (server, DB), and the usage of {@code POOLED} pools. Adds a
     * {@code clientResourcesCustomizer} (which does not reach caller-owned {@code ClientResources}) and sets the
     * {@code connectionObserver}; one instrumented configuration is meant for one runtime.
     *
     * @return {@code config}
     */
    public SymphonyRedisConfig.Builder instrument(SymphonyRedisConfig.Builder config) {
        Objects.requireNonNull(config, "config");
        PoolTaggedLatencyRecorder recorder = new PoolTaggedLatencyRecorder(meters, commandLatencyHistogram);
        config.connectionObserver(new ConnectionMeters(meters, recorder));
        if (commandLatency || (commandTracing && tracingGiven)) {
            config.clientResourcesCustomizer(resources -> {
                if (commandLatency) {
                    resources.commandLatencyRecorder(recorder);
                }
                if (commandTracing && tracingGiven) {
                    resources.tracing(new MicrometerTracing(observations, "redis"));
                }
            });
        }
        return config;
    }

    /**
     * Instrument every repository made on the support: one observation {@code symphony.redis.repository} per call
     * (repository, operation, pool, outcome; the tenant only with {@link Builder#tenantTag(boolean)}), the
     * trigger counters {@code symphony.redis.trigger.set} and {@code symphony.redis.trigger.cancelled}, and the
     * {@link #tracePropagator() trace propagator} on every {@code RedisTrigger} made on the support.
     *
     * @return {@code support}
     */
    public RepositorySupport.Builder instrument(RepositorySupport.Builder support) {
        return Objects.requireNonNull(support, "support")
                .observer(new RepositoryObservations(meters, observations, tenantTag, tracePropagation, !tracingGiven));
    }

    /**
     * Instrument a trigger listener: its trigger, sweep, lease and event meters, one observation
     * {@code symphony.redis.trigger.handler} per handled occurrence (continuing the trace of the trigger's set), and
     * the {@link #tracePropagator() trace propagator} added to the options' context propagators.
     *
     * @return {@code options}
     * @throws IllegalArgumentException if the options already hold the maximum number of propagators
     */
    public TriggerListenerOptions.Builder instrument(TriggerListenerOptions.Builder options) {
        Objects.requireNonNull(options, "options");
        TriggerListenerOptions current = options.build();
        return options.observer(new TriggerMeters(meters, observations, dueIndexPollInterval))
                .contextPropagators(withTrace(current.contextPropagators()));
    }

    /**
     * Return {@code trigger} carrying the trace of the request that sets a trigger to its handler: the
     * {@link #tracePropagator() trace propagator} added to its context propagators.
     */
    public RedisTrigger instrument(RedisTrigger trigger) {
        return Objects.requireNonNull(trigger, "trigger").withContextPropagators(withTrace(trigger.contextPropagators()));
    }

    /**
     * Repositories on {@code runtime} with {@link #instrument(RepositorySupport.Builder) instrumented} support; their
     * triggers carry the trace to their handlers.
     */
    public SymphonyRepositories repositories(SymphonyRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        RepositorySupport support = instrument(RepositorySupport.builder(runtime.ops(), runtime.codec(),
                runtime.keys())).build();
        return SymphonyRepositories.of(support, runtime.connections().cluster());
    }

    /**
     * Return the propagator named {@value TraceContextPropagation#NAME} that stores, with each trigger, the trace
     * context of the observation current where the trigger is set (as a producer span's headers), so the handler's
     * observation continues that trace as a consumer span. Register it on both sides (the instrumented
     * {@code RedisTrigger} and listener options hold it already).
     */
    public TriggerContextPropagator tracePropagator() {
        return tracePropagation;
    }

    /** Return the meter registry meters are recorded on. */
    public MeterRegistry meterRegistry() {
        return meters;
    }

    /** Return the observation registry observations are made on (the internal one when none was given). */
    public ObservationRegistry observationRegistry() {
        return observations;
    }

    /**
     * Register the {@link TenantScopeAccessor} with the global {@link ContextRegistry}, so that with Reactor's
     * automatic context propagation on ({@code Hooks.enableAutomaticContextPropagation()}) the SLF4J MDC holds
     * {@code tenant} and {@code user} wherever a {@code TenantScope} is bound in the Reactor Context. Registering
     * twice is harmless.
     */
    public static void registerTenantScopeAccessor() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new TenantScopeAccessor());
    }

    private List<TriggerContextPropagator> withTrace(List<TriggerContextPropagator> propagators) {
        if (propagators.stream().anyMatch(p -> p.name().equals(TraceContextPropagation.NAME))) {
            return propagators;
        }
        List<TriggerContextPropagator> all = new ArrayList<>(propagators);
        all.add(tracePropagation);
        return all;
    }

    /** Builds a {@link SymphonyObservability}; each setter rejects a bad value at once. */
    public static final class Builder {

        private final MeterRegistry meters;
        private @Nullable ObservationRegistry observations;
        private boolean tenantTag;
        private boolean commandLatency = true;
        private boolean commandLatencyHistogram;
        private boolean commandTracing = true;
        private Duration dueIndexPollInterval = DEFAULT_DUE_INDEX_POLL_INTERVAL;

        private Builder(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
        }

        /**
         * Make observations on {@code registry} (spans, and timers through its meter handler) instead of an internal
         * registry that records timers only; also switches Lettuce's command observations on (see
         * {@link #commandTracing(boolean)}).
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "observationRegistry");
            return this;
        }

        /**
         * Tag repository observations with the tenant (default off): one time series per tenant and operation, so
         * only for a bounded number of tenants.
         */
        public Builder tenantTag(boolean enabled) {
            this.tenantTag = enabled;
            return this;
        }

        /** Record Lettuce's command latency timers (default on). */
        public Builder commandLatency(boolean enabled) {
            this.commandLatency = enabled;
            return this;
        }

        /** Publish percentile histograms on Lettuce's command latency timers (default off: many time series). */
        public Builder commandLatencyHistogram(boolean enabled) {
            this.commandLatencyHistogram = enabled;
            return this;
        }

        /**
         * Make one Lettuce observation per command on the {@link #observationRegistry given registry} (default on;
         * without a given registry there are none, the latency timers cover commands).
         */
        public Builder commandTracing(boolean enabled) {
            this.commandTracing = enabled;
            return this;
        }

        /**
         * Set how often a running listener's due-index size ({@code ZCARD}) is read for its gauge (default 10 s).
         *
         * @throws IllegalArgumentException if shorter than 100 ms
         */
        public Builder dueIndexPollInterval(Duration interval) {
            Objects.requireNonNull(interval, "dueIndexPollInterval");
            if (interval.toMillis() < 100) {
                throw new IllegalArgumentException("dueIndexPollInterval must be >= 100 ms, was " + interval);
            }
            this.dueIndexPollInterval = interval;
            return this;
        }

        /** Return the instrumentation. */
        public SymphonyObservability build() {
            return new SymphonyObservability(this);
        }
    }
}
