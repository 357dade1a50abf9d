package io.symphony.redis.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark configuration's outcome, flattened for the table and the chart: operations per second (Redis
 * operations for the end-to-end benchmarks, method calls for the codec), their error, latency percentiles in
 * milliseconds when recorded, and bytes allocated per operation when {@code -prof gc} ran.
 */
record ResultRow(String benchmark, Map<String, String> params, int threads, double opsPerSecond, double opsError,
        @Nullable LatencyFigures latency, @Nullable Double bytesPerOp, Map<String, Double> counters) {

    /** Percentiles of one configuration, in milliseconds. */
    record LatencyFigures(double p50, double p99, double p999, double max, long count) {
    }

    /** Flatten a JMH result, joining the latency figures recorded for it. */
    static ResultRow of(RunResult run, Map<String, LatencyFigures> latencies) {
        BenchmarkParams params = run.getParams();
        Map<String, String> values = new TreeMap<>();
        for (String name : params.getParamsKeys()) {
            values.put(name, params.getParam(name));
        }
        Result<?> ops = run.getSecondaryResults().get("ops");
        Result<?> score = ops != null ? ops : run.getPrimaryResult();
        Double bytes = null;
        Map<String, Double> counters = new TreeMap<>();
        for (Map.Entry<String, Result> entry : run.getSecondaryResults().entrySet()) {
            if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
                bytes = entry.getValue().getScore();
            }
            counters.put(entry.getKey(), entry.getValue().getScore());
        }
        String method = params.getBenchmark();
        String simple = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
        return new ResultRow(simple, values, params.getThreads(), score.getScore(), score.getScoreError(),
                latencies.get(Latency.key(params)), bytes, counters);
    }

    /** The benchmark class's simple name, without the {@code Benchmark} suffix. */
    String family() {
        String type = benchmark.substring(0, benchmark.indexOf('.'));
        return type.endsWith("Benchmark") ? type.substring(0, type.length() - "Benchmark".length()) : type;
    }

    /** The benchmark method's name. */
    String method() {
        return benchmark.substring(benchmark.indexOf('.') + 1);
    }

    /** A parameter's value, or empty text. */
    String param(String name) {
        return params.getOrDefault(name, "");
    }

    /**
     * The rate of one side of a {@link SideBySide} comparison ({@code "symphony"} or {@code "raw"}), in operations
     * per second of that side's own windows; NaN when the row has no such counters.
     */
    double sideRate(String side) {
        Double ops = counters.get(side + "Ops");
        Double nanos = counters.get(side + "Nanos");
        return ops == null || nanos == null || nanos == 0 ? Double.NaN : ops / nanos * 1e9;
    }

    /** Symphony's rate over the baseline's in a {@link SideBySide} comparison; NaN without such counters. */
    double sideRatio() {
        return sideRate("symphony") / sideRate("raw");
    }

    /** The in-flight parameter as a number (0 when absent). */
    int inFlight() {
        String value = params.get("inFlight");
        return value == null ? 0 : Integer.parseInt(value);
    }
}
