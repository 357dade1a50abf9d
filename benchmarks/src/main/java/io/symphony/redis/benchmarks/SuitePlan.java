package io.symphony.redis.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One JMH invocation of the suite: a benchmark class, the parameter values to sweep (the class's own
 * {@code @Param} lists when absent), the caller threads, and whether the GC profiler runs.
 *
 * @param name identifies the plan for {@code --only}
 * @param type the benchmark class
 * @param params parameter values overriding the class's lists
 * @param threads caller threads
 * @param gcProfiler whether {@code -prof gc} runs (full mode only)
 */
record SuitePlan(String name, Class<?> type, Map<String, List<String>> params, int threads, boolean gcProfiler) {

    private static final List<String> ALL_STRATEGIES = List.of("SHARED", "SHARED_X_2", "SHARED_X_4", "POOLED_2",
            "POOLED_4", "POOLED_8", "LETTUCE_POOL_2", "LETTUCE_POOL_4", "LETTUCE_POOL_8", "PER_ALIAS");

    /** The regular expression JMH includes the plan's benchmarks by. */
    String include() {
        return "^" + Pattern.quote(type.getName()) + "\\.";
    }

    /**
     * The plans of the whole suite. Full mode sweeps the pool-contention matrix (every strategy at 1, 16, 256 and
     * 1,024 in flight on one caller thread, and at 256 on 2 and 4 caller threads), overhead and peers at
     * 1, 16 and 256 in flight, and the codec with the GC profiler. Quick mode keeps one point per configuration
     * kind: every strategy at 16 in flight, three on 2 threads, overhead and peers at 16 in flight.
     */
    static List<SuitePlan> all(boolean quick) {
        List<SuitePlan> plans = new ArrayList<>();
        if (quick) {
            plans.add(new SuitePlan("pool-t1", PoolContentionBenchmark.class,
                    params("strategy", ALL_STRATEGIES, "inFlight", List.of("16")), 1, false));
            plans.add(new SuitePlan("pool-t2", PoolContentionBenchmark.class,
                    params("strategy", List.of("SHARED", "POOLED_2", "LETTUCE_POOL_2"), "inFlight", List.of("16")),
                    2, false));
            plans.add(new SuitePlan("overhead", OverheadBenchmark.class, params("inFlight", List.of("16")), 1,
                    false));
            plans.add(new SuitePlan("peers", PeerBenchmark.class, params("inFlight", List.of("16")), 1, false));
            plans.add(new SuitePlan("peers-interleaved", PeerInterleavedBenchmark.class,
                    params("inFlight", List.of("16")), 1, false));
            plans.add(new SuitePlan("observability", ObservabilityBenchmark.class, Map.of(), 1, false));
            plans.add(new SuitePlan("codec", CodecBenchmark.class, Map.of(), 1, false));
            return plans;
        }
        plans.add(new SuitePlan("pool-t1", PoolContentionBenchmark.class,
                params("strategy", ALL_STRATEGIES, "inFlight", List.of("1", "16", "256", "1024")), 1, false));
        for (int threads : new int[] {2, 4}) {
            plans.add(new SuitePlan("pool-t" + threads, PoolContentionBenchmark.class,
                    params("strategy", ALL_STRATEGIES, "inFlight", List.of("256")), threads, false));
        }
        plans.add(new SuitePlan("overhead", OverheadBenchmark.class, Map.of(), 1, false));
        plans.add(new SuitePlan("peers", PeerBenchmark.class, Map.of(), 1, false));
        plans.add(new SuitePlan("peers-interleaved", PeerInterleavedBenchmark.class, Map.of(), 1, false));
        plans.add(new SuitePlan("observability", ObservabilityBenchmark.class, Map.of(), 1, false));
        plans.add(new SuitePlan("codec", CodecBenchmark.class, Map.of(), 1, true));
        return plans;
    }

    private static Map<String, List<String>> params(String name, List<String> values) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put(name, values);
        return params;
    }

    private static Map<String, List<String>> params(String name, List<String> values, String other,
            List<String> otherValues) {
        Map<String, List<String>> params = params(name, values);
        params.put(other, otherValues);
        return params;
    }
}
