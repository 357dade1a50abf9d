package io.symphony.redis.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run the whole benchmark suite with one command and write its results: {@code latest.json} (JMH),
 * {@code latest-latency.json} (per-operation percentiles), {@code latest.md} (the tables, with ratios against the
 * same run's baselines) and {@code latest.svg} (ops/s and p99 per configuration).
 *
 * <pre>
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar                 # full suite, about 12 minutes on 2 cores
 * java -jar benchmarks/target/benchmarks.jar --quick         # one short in-process iteration each (or -Dquick=true)
 * java -jar benchmarks/target/benchmarks.jar --only peers --out /tmp/peers
 * java -jar benchmarks/target/benchmarks.jar --only triggers   # the trigger benchmark alone (own driver, not JMH)
 * </pre>
 *
 * <p>Results go to {@code benchmarks/results} when run from the repository root, else to {@code results}.
 */
public final class BenchmarkSuite {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchmarkSuite() {
    }

    /**
     * What a suite run produced; the JMH files are written only when a JMH plan ran, the trigger table
     * ({@code triggers-<date>.md}) only when the trigger benchmark ran.
     */
    record Outcome(List<ResultRow> rows, List<SuitePlan> plans, Path json, Path latency, Path table, Path chart,
            List<TriggerBenchmark.Row> triggerRows, @Nullable Path triggerTable) {
    }

    /** Parse the flags ({@code --quick}, {@code --out DIR}, {@code --only REGEX}) and run. */
    public static void main(String[] args) throws RunnerException {
        boolean quick = Boolean.getBoolean("quick");
        Path out = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "results") : Path.of("results");
        String only = ".*";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'; use --quick, --out DIR, --only REGEX");
            }
        }
        try {
            Outcome outcome = run(quick, out, only, "java -jar benchmarks/target/benchmarks.jar "
                    + String.join(" ", args));
            if (!outcome.plans().isEmpty()) {
                System.out.println("Wrote " + outcome.table() + ", " + outcome.chart() + ", " + outcome.json());
            }
            if (outcome.triggerTable() != null) {
                System.out.println("Wrote " + outcome.triggerTable());
            }
        } catch (RuntimeException | RunnerException e) {
            e.printStackTrace();
            // A failed benchmark skips its teardown; its clients' non-daemon threads would keep the JVM alive.
            System.exit(1);
        }
        System.exit(0);
    }

    /** Run the plans whose name matches {@code only} and write the results to {@code out}. */
    static Outcome run(boolean quick, Path out, String only) throws RunnerException {
        return run(quick, out, only, "BenchmarkSuite.run(quick=" + quick + ", only=" + only + ")");
    }

    /**
     * Run the JMH plans and the trigger benchmark ({@value TriggerBenchmark#NAME}) whose names match {@code only},
     * and write their results to {@code out}; {@code command} is quoted in the trigger report.
     */
    static Outcome run(boolean quick, Path out, String only, String command) throws RunnerException {
        Machine machine = Machine.describe();
        System.out.println("Machine: " + machine.summary());
        Pattern filter = Pattern.compile(only);
        List<SuitePlan> plans = SuitePlan.all(quick).stream().filter(p -> filter.matcher(p.name()).find()).toList();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String date = now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        List<ResultRow> rows = plans.isEmpty() ? List.of() : runJmh(plans, quick, out, machine, date);
        List<TriggerBenchmark.Row> triggerRows = List.of();
        Path triggerTable = null;
        if (filter.matcher(TriggerBenchmark.NAME).find()) {
            System.out.println("== " + TriggerBenchmark.NAME);
            triggerRows = TriggerBenchmark.run(TriggerBenchmark.Plan.of(quick));
            triggerTable = createDirectories(out).resolve("triggers-"
                    + now.format(DateTimeFormatter.ISO_LOCAL_DATE) + (quick ? "-quick" : "") + ".md");
            write(triggerTable, TriggerReport.render(triggerRows, machine, date, Machine.currentLoadAverage(), quick,
                    command));
        }
        return new Outcome(rows, plans, out.resolve("latest.json"), out.resolve("latest-latency.json"),
                out.resolve("latest.md"), out.resolve("latest.svg"), triggerRows, triggerTable);
    }

    private static List<ResultRow> runJmh(List<SuitePlan> plans, boolean quick, Path out, Machine machine,
            String date) throws RunnerException {
        Path latencyDir = createDirectories(out.resolve("latency-" + System.currentTimeMillis()));
        List<RunResult> results = new ArrayList<>();
        for (SuitePlan plan : plans) {
            System.out.println("== " + plan.name());
            results.addAll(new Runner(options(plan, quick, latencyDir).build()).run());
        }
        Map<String, ResultRow.LatencyFigures> latencies = readLatencies(latencyDir);
        List<ResultRow> rows = results.stream().map(r -> ResultRow.of(r, latencies)).toList();
        writeJmhJson(results, out.resolve("latest.json"));
        moveLatencies(latencyDir, out.resolve("latest-latency.json"));
        write(out.resolve("latest.md"), MarkdownReport.render(rows, machine, date, quick));
        write(out.resolve("latest.svg"), SvgChart.render(rows, "Symphony Redis benchmarks, " + date + ", "
                + machine.cores() + " cores, " + machine.cpuModel() + ", Redis " + machine.redisVersion()));
        return rows;
    }

    private static ChainedOptionsBuilder options(SuitePlan plan, boolean quick, Path latencyDir) {
        String latencyProperty = "-D" + Latency.DIRECTORY_PROPERTY + "=" + latencyDir.toAbsolutePath();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(plan.include())
                .threads(plan.threads())
                .shouldFailOnError(true);
        plan.params().forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
        if (quick) {
            System.setProperty(Latency.DIRECTORY_PROPERTY, latencyDir.toAbsolutePath().toString());
            return options.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(plan.type() == CodecBenchmark.class ? 100 : 300));
        }
        options.jvmArgsAppend("-Xms1g", "-Xmx1g", "-Djmh.shutdownTimeout=1", latencyProperty);
        if (plan.gcProfiler()) {
            options.addProfiler(GCProfiler.class);
        }
        return options;
    }

    private static Map<String, ResultRow.LatencyFigures> readLatencies(Path dir) {
        Map<String, ResultRow.LatencyFigures> figures = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                figures.put(node.get("key").asString(), new ResultRow.LatencyFigures(
                        node.get("p50Micros").asDouble() / 1000, node.get("p99Micros").asDouble() / 1000,
                        node.get("p999Micros").asDouble() / 1000, node.get("maxMicros").asDouble() / 1000,
                        node.get("count").asLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return figures;
    }

    private static void moveLatencies(Path dir, Path target) {
        try (Stream<Path> files = Files.list(dir)) {
            List<JsonNode> all = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                all.add(JSON.readTree(file.toFile()));
                Files.delete(file);
            }
            Files.delete(dir);
            write(target, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJmhJson(List<RunResult> results, Path file) {
        try (PrintStream stream = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, stream).writeOut(results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
