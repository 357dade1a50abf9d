package io.symphony.redis.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-operation latencies of one trial, recorded with HdrHistogram (3 significant digits, nanoseconds) by every
 * caller thread. Warm-up iterations are discarded; at the end of the trial p50/p99/p99.9/max of the measured
 * iterations are written as a small JSON file to the directory named by the {@value #DIRECTORY_PROPERTY} system
 * property, where {@link BenchmarkSuite} joins them to JMH's throughput results by {@link #key(BenchmarkParams)}.
 *
 * <p>JMH's {@code SampleTime} mode would time one benchmark call, which here is a whole window of operations;
 * the percentiles that matter are those of single operations with others in flight, hence HdrHistogram.
 */
@State(Scope.Benchmark)
public class Latency {

    /** System property naming the directory the latency files go to. */
    public static final String DIRECTORY_PROPERTY = "symphony.bench.latencyDir";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Recorder recorder = new Recorder(3);
    private final Histogram measured = new Histogram(3);

    /** The recorder operations report to. */
    Recorder recorder() {
        return recorder;
    }

    /** Keep the iteration's latencies if it was a measurement iteration. */
    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        Histogram interval = recorder.getIntervalHistogram();
        if (iteration.getType() == IterationType.MEASUREMENT) {
            measured.add(interval);
        }
    }

    /** Write the trial's percentiles. */
    @TearDown(Level.Trial)
    public void endTrial(BenchmarkParams params) {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null || measured.getTotalCount() == 0) {
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key(params));
        out.put("count", measured.getTotalCount());
        out.put("p50Micros", micros(measured.getValueAtPercentile(50)));
        out.put("p99Micros", micros(measured.getValueAtPercentile(99)));
        out.put("p999Micros", micros(measured.getValueAtPercentile(99.9)));
        out.put("maxMicros", micros(measured.getMaxValue()));
        try {
            Path dir = Files.createDirectories(Path.of(directory));
            Files.writeString(dir.resolve(Integer.toHexString(key(params).hashCode()) + "-"
                    + System.nanoTime() + ".json"), JSON.writeValueAsString(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Identify a benchmark run: method, caller threads and every parameter, sorted. */
    public static String key(BenchmarkParams params) {
        Map<String, String> sorted = new TreeMap<>();
        for (String name : params.getParamsKeys()) {
            sorted.put(name, params.getParam(name));
        }
        return params.getBenchmark() + "|threads=" + params.getThreads() + "|" + sorted;
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
