package io.symphony.redis.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.micrometer.SymphonyObservability;
import io.symphony.redis.repository.RedisUser;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;

/**
 * The cost of the Micrometer instrumentation measured where a shared machine's drifting load cancels out: one JVM
 * holds an instrumented and a plain runtime on the same Redis server and runs their user-record windows (16 in
 * flight, as in {@link ObservabilityBenchmark}) alternately, timing each, so both see the same load, JIT state and
 * server. Read the ratio from the counters: {@code (onOps / onNanos) / (offOps / offNanos)}, for everything the
 * instrumentation adds ({@code ALL}) and for its two halves (the configuration's command meters, the repository
 * timers).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main ObservabilityInterleaved}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djmh.shutdownTimeout=1"})
@Threads(1)
@State(Scope.Benchmark)
public class ObservabilityInterleavedBenchmark {

    private static final int IN_FLIGHT = 16;

    /** What the instrumented runtime has switched on. */
    public enum Instrumented {
        /** Everything {@code SymphonyObservability} instruments on this workload. */
        ALL,
        /** Only the configuration: Lettuce's command latency timers and the connection observer. */
        COMMANDS,
        /** Only the repository support: one timer per repository call. */
        REPOSITORIES
    }

    @Param({"ALL", "COMMANDS", "REPOSITORIES"})
    public Instrumented instrumented;

    private PrivateRedisServer server;
    private SymphonyRuntime plain;
    private SymphonyRuntime observed;
    private RepositorySupport off;
    private RepositorySupport on;
    private Map<String, Object> record;
    /** LoadDriver records latencies; this benchmark reads only its own counters. */
    private final Recorder ignored = new Recorder(3);

    /** Per-iteration totals of each mode: operations and the nanoseconds their windows took. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Split {

        /** Operations run without instrumentation. */
        public long offOps;
        /** Nanoseconds of the windows without instrumentation. */
        public long offNanos;
        /** Operations run with instrumentation. */
        public long onOps;
        /** Nanoseconds of the windows with instrumentation. */
        public long onNanos;

        /** Start each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            offOps = 0;
            offNanos = 0;
            onOps = 0;
            onNanos = 0;
        }
    }

    /** Start a private server, a plain and an instrumented runtime on it. */
    @Setup(Level.Trial)
    public void setUp() {
        server = BenchRedis.start();
        String url = "redis://" + server.host() + ":" + server.port();
        SymphonyObservability observability = SymphonyObservability.builder(new SimpleMeterRegistry()).build();
        plain = Objects.requireNonNull(SymphonyRuntime.create(SymphonyRedisConfig.builder().url(url)
                .keyspaceEvents(false).build()).block(), "plain"); // allowed-blocking: JMH harness: set-up
        SymphonyRedisConfig.Builder config = SymphonyRedisConfig.builder().url(url).keyspaceEvents(false);
        SymphonyRedisConfig.Builder chosen = instrumented == Instrumented.REPOSITORIES ? config
                : observability.instrument(config);
        SymphonyRuntime created = SymphonyRuntime.create(chosen.build()).block(); // allowed-blocking: JMH set-up
        observed = Objects.requireNonNull(created, "observed");
        off = RepositorySupport.builder(plain.ops(), plain.codec(), plain.keys()).build();
        RepositorySupport.Builder support = RepositorySupport.builder(observed.ops(), observed.codec(),
                observed.keys());
        on = (instrumented == Instrumented.COMMANDS ? support : observability.instrument(support)).build();
        record = UserRecords.record();
    }

    /** Close both runtimes and stop the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        plain.close().timeout(Teardown.BOUND, Mono.empty()).block(); // allowed-blocking: JMH harness: teardown
        observed.close().timeout(Teardown.BOUND, Mono.empty()).block(); // allowed-blocking: JMH harness: teardown
        server.close();
    }

    private Mono<Map<String, Object>> upsertThenGet(RepositorySupport support, int i) {
        return Mono.defer(() -> {
            RedisUser user = new RedisUser(support, UserRecords.TENANT, UserRecords.userId(i));
            return user.upsert(record, UserRecords.TTL)
                    .then(user.get(UserRecords.TYPES))
                    .map(decoded -> Map.<String, Object>copyOf(Map.of("n", decoded.size())));
        });
    }

    /** One window without, then one with the instrumentation, each timed. */
    @Benchmark
    public void run(Split split, Blackhole sink) {
        long start = System.nanoTime();
        split.offOps += LoadDriver.run(i -> upsertThenGet(off, i), IN_FLIGHT, 0, ignored);
        long middle = System.nanoTime();
        split.onOps += LoadDriver.run(i -> upsertThenGet(on, i), IN_FLIGHT, 0, ignored);
        long end = System.nanoTime();
        split.offNanos += middle - start;
        split.onNanos += end - middle;
        sink.consume(end);
    }
}
