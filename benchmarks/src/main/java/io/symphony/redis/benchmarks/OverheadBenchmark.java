package io.symphony.redis.benchmarks;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
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
 * The toolkit's overhead: each {@link OverheadOperation} through the toolkit and through raw Lettuce reactive
 * commands sending the same Redis commands (the same Lua scripts included) on the same connection, with plain
 * Jackson for values. Target: the toolkit at 0.9x raw Lettuce or better at every in-flight level.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar --only Overhead}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djmh.shutdownTimeout=1"})
@Threads(1)
@State(Scope.Benchmark)
public class OverheadBenchmark {

    /** Which side of the comparison runs. */
    public enum Impl {
        /** Through the toolkit. */
        SYMPHONY,
        /** Raw Lettuce reactive commands on the toolkit's own connection: the baseline. */
        RAW_LETTUCE
    }

    @Param({"UPSERT_GET", "MERGE", "APPEND_TO_LIST", "INCREMENT_FIELD", "TABLE_GET", "GENERIC_SET_GET"})
    public OverheadOperation operation;

    @Param({"SYMPHONY", "RAW_LETTUCE"})
    public Impl impl;

    @Param({"1", "16", "256"})
    public int inFlight;

    private PrivateRedisServer server;
    private SymphonyRuntime runtime;
    private IntFunction<Mono<?>> work;
    private int perThread;

    /** Start a private server, open the runtime on it and prepare the operation. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        server = BenchRedis.start();
        runtime = Objects.requireNonNull(SymphonyRuntime.create(SymphonyRedisConfig.builder()
                .url(server.uri())
                .keyspaceEvents(false)
                .build()).block(), "runtime"); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
        OverheadOperation.Fixture fixture = new OverheadOperation.Fixture(runtime);
        work = impl == Impl.SYMPHONY ? operation.symphony(fixture) : operation.raw(fixture);
        work.apply(0).block(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
        perThread = LoadDriver.perThread(inFlight, params.getThreads());
    }

    /** Close the runtime and stop the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close().timeout(Teardown.BOUND, reactor.core.publisher.Mono.empty()).block(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
        server.close();
    }

    /** One window of the operation from this caller thread. */
    @Benchmark
    public int run(Latency latency, Completed completed, ThreadParams thread) {
        int done = LoadDriver.run(work, perThread, thread.getThreadIndex() * 7919, latency.recorder());
        completed.ops += done;
        return done;
    }
}
