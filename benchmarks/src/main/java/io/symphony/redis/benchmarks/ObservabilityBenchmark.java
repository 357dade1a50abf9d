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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;
import reactor.core.publisher.Mono;

/**
 * The cost of the Micrometer instrumentation on the user-record workload (upsert 5 fields with a TTL, read them back
 * typed) of {@link PeerBenchmark}: {@code OFF} is the runtime and repositories as they come, {@code ON} the same with
 * {@link SymphonyObservability} on a {@link SimpleMeterRegistry} (no observation registry given, so repository calls
 * are timers through the internal meter-only registry): Lettuce's command latency timers tagged by pool, the
 * connection observer and one observation per repository call. The ratio ON/OFF of one run is the figure to read.
 *
 * <p>The warm-up is long because the workload keeps speeding up for about 15 s while the JIT compiles it (measured:
 * throughput tripled between the first and the fifth 2-second iteration).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar --only observability}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djmh.shutdownTimeout=1"})
@Threads(1)
@State(Scope.Benchmark)
public class ObservabilityBenchmark {

    /** Whether the instrumentation is on. */
    public enum Instrumentation {
        /** The runtime and repositories as they come. */
        OFF,
        /** Instrumented with {@link SymphonyObservability} on a {@link SimpleMeterRegistry}. */
        ON
    }

    @Param({"OFF", "ON"})
    public Instrumentation instrumentation;

    @Param({"16"})
    public int inFlight;

    private PrivateRedisServer server;
    private SymphonyRuntime runtime;
    private RepositorySupport support;
    private Map<String, Object> record;
    private int perThread;

    /** Start a private server and the runtime, instrumented or not. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        server = BenchRedis.start();
        SymphonyRedisConfig.Builder config = SymphonyRedisConfig.builder()
                .url("redis://" + server.host() + ":" + server.port())
                .keyspaceEvents(false);
        SymphonyObservability observability = SymphonyObservability.builder(new SimpleMeterRegistry()).build();
        boolean on = instrumentation == Instrumentation.ON;
        runtime = Objects.requireNonNull(SymphonyRuntime.create((on ? observability.instrument(config) : config)
                .build()).block(), "runtime"); // allowed-blocking: JMH harness: set-up before measuring
        RepositorySupport.Builder repositories = RepositorySupport.builder(runtime.ops(), runtime.codec(),
                runtime.keys());
        support = (on ? observability.instrument(repositories) : repositories).build();
        record = UserRecords.record();
        perThread = LoadDriver.perThread(inFlight, params.getThreads());
        Map<String, Object> back = upsertThenGet(0).block(); // allowed-blocking: JMH harness: set-up check
        if (back == null || back.size() != record.size()) {
            throw new IllegalStateException(instrumentation + " read back " + back + " for " + record);
        }
    }

    /** Close the runtime and stop the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close().timeout(Teardown.BOUND, Mono.empty()).block(); // allowed-blocking: JMH harness: teardown
        server.close();
    }

    private Mono<Map<String, Object>> upsertThenGet(int i) {
        return Mono.defer(() -> {
            RedisUser user = new RedisUser(support, UserRecords.TENANT, UserRecords.userId(i));
            return user.upsert(record, UserRecords.TTL)
                    .then(user.get(UserRecords.TYPES))
                    .map(ObservabilityBenchmark::nonNullValues);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nonNullValues(Map<String, ?> decoded) {
        return (Map<String, Object>) decoded;
    }

    /** One window of upsert-then-get operations from this caller thread. */
    @Benchmark
    public int run(Latency latency, Completed completed, ThreadParams thread) {
        int done = LoadDriver.run(this::upsertThenGet, perThread, thread.getThreadIndex() * 7919,
                latency.recorder());
        completed.ops += done;
        return done;
    }
}
