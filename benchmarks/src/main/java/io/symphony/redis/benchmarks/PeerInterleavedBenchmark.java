package io.symphony.redis.benchmarks;

import io.symphony.redis.testsupport.PrivateRedisServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
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

/**
 * Symphony against each peer on the user-record workload ({@link PeerBenchmark}'s adapters: raw Lettuce sends the
 * same commands, Spring Data Redis and Redisson their own HSET, EXPIRE, HGETALL), measured where a shared
 * machine's drifting load cancels out: one JVM, one Redis server, windows of Symphony and the {@link #other}
 * client run alternately (the order flips every invocation, so neither always runs first), each timed.
 * Read the ratio from the counters: {@code (symphonyOps / symphonyNanos) / (rawOps / rawNanos)}; the suite's report
 * does. Symphony runs its default configuration (two connections, see {@link SymphonyUserClient}), raw Lettuce one
 * connection, as each is used out of the box. Latencies are recorded for Symphony's windows.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main PeerInterleaved}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djmh.shutdownTimeout=1"})
@Threads(1)
@State(Scope.Benchmark)
public class PeerInterleavedBenchmark {

    @Param({"1", "16", "256"})
    public int inFlight;

    /** The client Symphony is compared with; the {@code raw} counters are this client's. */
    @Param({"RAW_LETTUCE", "SPRING_DATA_REDIS", "REDISSON"})
    public Peer other;

    private PrivateRedisServer server;
    private UserRecordClient symphony;
    private UserRecordClient peer;
    private Map<String, Object> record;
    private boolean symphonyFirst;
    /** Raw Lettuce's latencies are not reported; its windows record here. */
    private final Recorder ignored = new Recorder(3);

    /** Start a private server and connect both clients to it. */
    @Setup(Level.Trial)
    public void setUp() {
        server = BenchRedis.start();
        symphony = Peer.SYMPHONY.open(server.host(), server.port());
        peer = other.open(server.host(), server.port());
        record = UserRecords.record();
    }

    /** Close both clients and stop the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        symphony.close();
        peer.close();
        server.close();
    }

    /** One window of each client, in alternating order, each timed. */
    @Benchmark
    public int run(Latency latency, Completed completed, SideBySide split) {
        symphonyFirst = !symphonyFirst;
        if (symphonyFirst) {
            split.symphony(() -> LoadDriver.run(i -> symphony.upsertThenGet(i, record), inFlight, 0,
                    latency.recorder()));
        }
        split.raw(() -> LoadDriver.run(i -> peer.upsertThenGet(i, record), inFlight, 0, ignored));
        if (!symphonyFirst) {
            split.symphony(() -> LoadDriver.run(i -> symphony.upsertThenGet(i, record), inFlight, 0,
                    latency.recorder()));
        }
        int done = 2 * LoadDriver.window(inFlight);
        completed.ops += done;
        return done;
    }
}
