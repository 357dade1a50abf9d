package io.symphony.redis.benchmarks;

import io.lettuce.core.SetArgs;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.listener.ExpiryEvents;
import io.symphony.redis.listener.ListenerState;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerEvent;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Trigger throughput and fire lag, measured by the suite's own driver (not JMH: one run is one load shape, timed from
 * the triggers' due times). Each measurement starts a private server ({@code notify-keyspace-events Ex}, {@code hz 10},
 * Redis' default) and writes {@code noise} unrelated keys with a one-hour TTL on the expiry DB, which is what makes
 * keyspace events late. Then {@code n} occurrences come due, either all at one instant (burst) or spread at a fixed
 * rate, and are fired by one of two paths:
 * <ul>
 * <li>{@code TriggerListener}: {@code RedisTrigger.set} (key and due-index entry), handled exactly once; after
 * {@code stop()} the due-index, in-flight set and token hash must be empty. Listener scripts are the {@code calls} of
 * {@code cmdstat_evalsha} and {@code cmdstat_eval} ({@code INFO commandstats}) from after the writes to after
 * stop.</li>
 * <li>keyspace events: plain {@code SET PX} keys heard through {@code ExpiryEvents} (what a listener without the
 * due-index sees), waited for at most {@code eventCap} after the last due time.</li>
 * </ul>
 * Fire lag is handler start (event arrival) minus the due time, both on this machine's clock; triggers/s is the
 * occurrences handled divided by the time from the first due time to the last start. Handlers do no work, so the
 * figures are the toolkit's (and Redis') cost, with the default handler concurrency (64; one burst row also with 256,
 * listener only, to show how much of the burst rate is the handler slots' round trip). A warm-up round (a burst
 * of 20,000 and 2,000 at 2,000/s through the listener) runs first and is not reported.
 */
final class TriggerBenchmark {

    /** The name {@code --only} selects this benchmark by. */
    static final String NAME = "triggers";

    /** System property: a regular expression over the shape names to run (all by default), for focused runs. */
    static final String ONLY_SHAPES_PROPERTY = "symphony.bench.triggerShapes";
    private static final String TENANT = "bench";
    private static final String ACTION = "fire";
    private static final int WRITE_CONCURRENCY = 64;
    /** The DB of the {@code expiry} pool alias by default. */
    private static final int EXPIRY_DB = 8;

    /** One load shape: {@code n} occurrences, all due at once ({@code rate == 0}) or {@code rate} per second. */
    record Shape(String name, int n, int rate, int concurrency) {

        /** A shape with the default handler concurrency, measured on both paths. */
        Shape(String name, int n, int rate) {
            this(name, n, rate, TriggerRegistry.DEFAULT_CONCURRENCY);
        }

        /** Whether this shape also runs on plain keyspace events (only the default concurrency does). */
        boolean withEvents() {
            return concurrency == TriggerRegistry.DEFAULT_CONCURRENCY;
        }

        long dueOffsetMillis(int i) {
            return rate == 0 ? 0 : (long) i * 1000 / rate;
        }
    }

    /** How big a run is. */
    record Plan(int noise, List<Shape> shapes, Duration eventCap) {

        static Plan of(boolean quick) {
            if (quick) {
                return new Plan(2_000, List.of(new Shape("burst", 2_000, 0), new Shape("1,000/s for 2 s", 2_000,
                        1_000)), Duration.ofSeconds(10));
            }
            return new Plan(20_000, List.of(new Shape("burst", 20_000, 0),
                    new Shape("burst, concurrency 256", 20_000, 0, 256),
                    new Shape("5,000/s for 5 s", 25_000, 5_000), new Shape("2,000/s for 5 s", 10_000, 2_000)),
                    Duration.ofSeconds(90));
        }
    }

    /** The figures of one shape on one path. */
    record Row(Shape shape, String path, int noise, int handled, int duplicates, long p50, long p99, long max,
            double perSecond, @Nullable Long scripts, @Nullable Boolean leftEmpty, long writeOverrunMillis,
            Map<TriggerEvent.Source, Long> sources, double cpuMicrosPerTrigger) {

        boolean exactlyOnce() {
            return handled == shape.n() && duplicates == 0 && (leftEmpty == null || leftEmpty);
        }
    }

    private TriggerBenchmark() {
    }

    /**
     * Run every shape of the plan on both paths, each on a fresh server, after a warm-up round whose figures are
     * printed but not returned (the JIT compiles the handler and claim paths there, not in the first measured row).
     */
    static List<Row> run(Plan plan) {
        Plan warmUp = new Plan(1_000, List.of(), Duration.ofSeconds(5));
        System.out.println("== triggers: warm-up (not reported)");
        for (Shape shape : List.of(new Shape("warm-up burst", 20_000, 0), new Shape("warm-up 2,000/s", 2_000, 2_000))) {
            print(measure(warmUp, shape, true));
        }
        List<Row> rows = new ArrayList<>();
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getProperty(ONLY_SHAPES_PROPERTY, ".*"));
        for (Shape shape : plan.shapes()) {
            if (!only.matcher(shape.name()).matches()) {
                continue;
            }
            System.out.println("== triggers: " + shape.name() + ", " + shape.n() + " occurrences, " + plan.noise()
                    + " other TTL keys");
            rows.add(print(measure(plan, shape, true)));
            if (shape.withEvents()) {
                rows.add(print(measure(plan, shape, false)));
            }
        }
        return rows;
    }

    private static Row print(Row row) {
        System.out.printf("%-16s %-15s handled=%d dup=%d lag p50=%d p99=%d max=%d ms  %.0f/s scripts=%s empty=%s %s "
                + "cpu=%.1f us/trigger%n", row.shape().name(), row.path(), row.handled(), row.duplicates(), row.p50(),
                row.p99(), row.max(), row.perSecond(), row.scripts(), row.leftEmpty(), row.sources(),
                row.cpuMicrosPerTrigger());
        return row;
    }

    private static Row measure(Plan plan, Shape shape, boolean triggers) {
        try (PrivateRedisServer server = BenchRedis.startWithKeyspaceEvents()) {
            SymphonyRedisConfig config = SymphonyRedisConfig.builder().url(server.uri()).build();
            SymphonyRuntime runtime = Objects.requireNonNull(
                    SymphonyRuntime.create(config).block(Duration.ofSeconds(30)), "runtime"); // allowed-blocking
            try {
                writeNoise(runtime, plan.noise());
                return triggers ? viaListener(server, runtime, plan, shape) : viaEvents(runtime, plan, shape);
            } finally {
                runtime.close().timeout(Duration.ofSeconds(5), Mono.empty()).block(); // allowed-blocking: driver
            }
        }
    }

    private static Row viaListener(PrivateRedisServer server, SymphonyRuntime runtime, Plan plan, Shape shape) {
        Recorder recorder = new Recorder(shape.n());
        TriggerRegistry registry = TriggerRegistry.builder().concurrency(shape.concurrency()).build();
        registry.on(ACTION, event -> Mono.fromRunnable(() -> recorder.started(event.identifier(), event.source())));
        TriggerListener listener = TriggerListener.create(runtime, registry);
        listener.start().block(Duration.ofSeconds(30)); // allowed-blocking: benchmark driver
        RedisTrigger repository = SymphonyRepositories.of(runtime).trigger(TENANT);
        long overrun = write(shape, recorder, i -> repository.set(ACTION, id(i), recorder.ttl(i)).then());
        recorder.cpuFrom = processCpuNanos();
        server.sync(EXPIRY_DB).configResetstat();
        recorder.awaitAll(Duration.ofSeconds(120));
        listener.stop().block(Duration.ofSeconds(120)); // allowed-blocking: benchmark driver
        var redis = server.sync(EXPIRY_DB);
        String stats = redis.info("commandstats");
        if (Boolean.getBoolean("triggers.debug")) {
            System.out.println(stats);
        }
        long scripts = calls(stats, "cmdstat_evalsha:") + calls(stats, "cmdstat_eval:");
        KeyFactory keys = runtime.keys();
        boolean empty = redis.zcard(RedisTrigger.dueIndexKey(keys)) == 0
                && redis.zcard(RedisTrigger.indexKey(keys, "inflight")) == 0
                && redis.hlen(RedisTrigger.indexKey(keys, "tokens")) == 0;
        return recorder.row(shape, "TriggerListener", plan.noise(), scripts, empty, overrun);
    }

    private static Row viaEvents(SymphonyRuntime runtime, Plan plan, Shape shape) {
        Recorder recorder = new Recorder(shape.n());
        ExpiryEvents events = ExpiryEvents.create(runtime);
        Disposable listening = events.events().filter(event -> event.action().equals(ACTION))
                .subscribe(event -> recorder.started(event.identifier(), null));
        try {
            events.states().filter(state -> state == ListenerState.CONNECTED)
                    .blockFirst(Duration.ofSeconds(30)); // allowed-blocking: benchmark driver
            var expiry = runtime.ops().onPool(PoolAliases.EXPIRY);
            KeyFactory keys = runtime.keys();
            long overrun = write(shape, recorder, i -> expiry.set(keys.triggerKey(TENANT, ACTION, id(i)),
                    "trigger:2026-01-01T00:00:00", SetArgs.Builder.px(recorder.ttl(i).toMillis())).then());
            recorder.cpuFrom = processCpuNanos();
            recorder.awaitAll(plan.eventCap().plusMillis(shape.dueOffsetMillis(shape.n() - 1)));
            return recorder.row(shape, "keyspace events", plan.noise(), null, null, overrun);
        } finally {
            listening.dispose();
            events.close().timeout(Duration.ofSeconds(5), Mono.empty()).block(); // allowed-blocking: benchmark driver
        }
    }

    private static void writeNoise(SymphonyRuntime runtime, int noise) {
        var expiry = runtime.ops().onPool(PoolAliases.EXPIRY);
        Flux.range(0, noise)
                .flatMap(i -> expiry.set("noise:" + i, "x", Duration.ofHours(1)), 256)
                .blockLast(Duration.ofMinutes(2)); // allowed-blocking: benchmark driver
    }

    /**
     * Plan the due times (far enough ahead for the writes to finish first), write every occurrence, and return by how
     * many ms the writes overran the first due time (0: they finished in time).
     */
    private static long write(Shape shape, Recorder recorder, IntFunction<Mono<Void>> one) {
        long lead = 3_000 + shape.n() / 5L;
        long first = System.currentTimeMillis() + lead;
        for (int i = 0; i < shape.n(); i++) {
            recorder.due.set(i, first + shape.dueOffsetMillis(i));
        }
        Flux.range(0, shape.n())
                .flatMap(i -> Mono.defer(() -> one.apply(i)), WRITE_CONCURRENCY)
                .blockLast(Duration.ofMinutes(2)); // allowed-blocking: benchmark driver
        return Math.max(0, System.currentTimeMillis() - first);
    }

    /** CPU time of this whole process so far (every thread, JIT and GC included), or -1 if the JVM cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static String id(int i) {
        return "o" + i;
    }

    private static long calls(String stats, String command) {
        return stats.lines().filter(line -> line.startsWith(command)).findFirst()
                .map(line -> Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(','))))
                .orElse(0L);
    }

    /** Due time, first start and runs of every occurrence. */
    private static final class Recorder {

        final AtomicLongArray due;
        final AtomicLongArray started;
        final AtomicIntegerArray runs;
        final AtomicInteger distinct = new AtomicInteger();
        final Map<TriggerEvent.Source, LongAdder> sources = new ConcurrentHashMap<>();
        final int n;
        /** Process CPU time at the end of the writes and when the last occurrence started (or the wait gave up). */
        volatile long cpuFrom = -1;
        volatile long cpuTo = -1;

        Recorder(int n) {
            this.n = n;
            this.due = new AtomicLongArray(n);
            this.started = new AtomicLongArray(n);
            this.runs = new AtomicIntegerArray(n);
        }

        Duration ttl(int i) {
            return Duration.ofMillis(Math.max(1, due.get(i) - System.currentTimeMillis()));
        }

        void started(String identifier, TriggerEvent.@Nullable Source source) {
            long now = System.currentTimeMillis();
            if (source != null) {
                sources.computeIfAbsent(source, key -> new LongAdder()).increment();
            }
            int i = Integer.parseInt(identifier.substring(1));
            if (runs.getAndIncrement(i) == 0) {
                started.set(i, now);
                distinct.incrementAndGet();
            }
        }

        void awaitAll(Duration cap) {
            long deadline = System.currentTimeMillis() + cap.toMillis() + (due.get(n - 1) - System.currentTimeMillis());
            while (distinct.get() < n && System.currentTimeMillis() < deadline) {
                Mono.delay(Duration.ofMillis(20)).block(); // allowed-blocking: benchmark driver
            }
            cpuTo = processCpuNanos();
        }

        Row row(Shape shape, String path, int noise, @Nullable Long scripts, @Nullable Boolean empty, long overrun) {
            long[] lags = new long[distinct.get()];
            int k = 0;
            long first = Long.MAX_VALUE;
            long last = 0;
            int duplicates = 0;
            for (int i = 0; i < n; i++) {
                first = Math.min(first, due.get(i));
                if (runs.get(i) > 1) {
                    duplicates++;
                }
                if (runs.get(i) > 0 && k < lags.length) {
                    lags[k++] = Math.max(0, started.get(i) - due.get(i));
                    last = Math.max(last, started.get(i));
                }
            }
            Arrays.sort(lags);
            double seconds = Math.max(1, last - first) / 1000.0;
            return new Row(shape, path, noise, k, duplicates, percentile(lags, 0.50), percentile(lags, 0.99),
                    lags.length == 0 ? -1 : lags[lags.length - 1], k / seconds, scripts, empty, overrun,
                    sources.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(),
                            (a, b) -> a, () -> new EnumMap<>(TriggerEvent.Source.class))),
                    cpuFrom < 0 || cpuTo < 0 || k == 0 ? -1 : (cpuTo - cpuFrom) / 1000.0 / k);
        }

        private static long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? -1
                    : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }
    }
}
