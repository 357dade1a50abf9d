package io.symphony.redis.benchmarks;

import io.symphony.redis.testsupport.PrivateRedisServer;
import java.util.Map;
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

/**
 * The peers on the user-record workload (write 5 JSON fields with a TTL, read the record back decoded), each
 * through the {@link UserRecordClient} adapter chosen by the {@link Peer} parameter, so one run gives every row
 * as a ratio to raw Lettuce from the same run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar --only Peer}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djmh.shutdownTimeout=1"})
@Threads(1)
@State(Scope.Benchmark)
public class PeerBenchmark {

    @Param({"SYMPHONY", "RAW_LETTUCE", "SPRING_DATA_REDIS", "REDISSON"})
    public Peer client;

    @Param({"1", "16", "256"})
    public int inFlight;

    private PrivateRedisServer server;
    private UserRecordClient adapter;
    private Map<String, Object> record;
    private int perThread;

    /** Start a private server and connect the client. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        server = BenchRedis.start();
        adapter = client.open(server.host(), server.port());
        record = UserRecords.record();
        perThread = LoadDriver.perThread(inFlight, params.getThreads());
        Map<String, Object> back = adapter.upsertThenGet(0, record).block(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
        if (back == null || back.size() != record.size()) {
            throw new IllegalStateException(client + " read back " + back + " for " + record);
        }
    }

    /** Close the client and stop the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        adapter.close();
        server.close();
    }

    /** One window of upsert-then-get operations from this caller thread. */
    @Benchmark
    public int run(Latency latency, Completed completed, ThreadParams thread) {
        int done = LoadDriver.run(i -> adapter.upsertThenGet(i, record), perThread,
                thread.getThreadIndex() * 7919, latency.recorder());
        completed.ops += done;
        return done;
    }
}
