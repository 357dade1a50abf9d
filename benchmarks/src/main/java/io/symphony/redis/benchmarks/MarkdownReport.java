package io.symphony.redis.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders the suite's results as Markdown: one table per benchmark family, each row with its ratio against the
 * baseline of the same run (SHARED for pool contention, raw Lettuce for overhead and peers), and a verdict line
 * per target of the benchmarks issue.
 */
final class MarkdownReport {

    /** Within this fraction of the best, a configuration counts as tied (the run-to-run noise seen here). */
    static final double NOISE = 0.05;

    private final List<ResultRow> rows;
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport(List<ResultRow> rows) {
        this.rows = rows;
    }

    /** The whole report. */
    static String render(List<ResultRow> rows, Machine machine, String date, boolean quick) {
        MarkdownReport report = new MarkdownReport(rows);
        report.header(machine, date, quick);
        report.pool();
        report.overhead();
        report.peersInterleaved();
        report.peers();
        report.observability();
        report.codec();
        return report.out.toString();
    }

    private void header(Machine machine, String date, boolean quick) {
        line("# Symphony Redis benchmarks" + (quick ? " (quick mode: one short iteration, not for comparison)" : ""));
        line("");
        line("Run " + date + " on " + machine.summary() + ", at the end " + Machine.currentLoadAverage()
                + ". A load average above the core count means other work shared the CPU with this run.");
        line("");
        line("Throughput is Redis operations per second (one operation = the whole workload step, e.g. write+read);"
                + " latencies are per operation, in ms, from HdrHistogram over the measured iterations. Ratios are"
                + " against the baseline of the same run. Raw data: `latest.json` (JMH) and `latest-latency.json`.");
        line("");
    }

    private void pool() {
        List<ResultRow> pool = family("PoolContention");
        if (pool.isEmpty()) {
            return;
        }
        line("## Pool contention (HSET 5 fields + EXPIRE + HGETALL; baseline SHARED)");
        line("");
        line("| threads | in flight | strategy | ops/s | x SHARED | p50 | p99 | p99.9 |");
        line("|--:|--:|---|--:|--:|--:|--:|--:|");
        List<String> verdicts = new ArrayList<>();
        for (List<ResultRow> group : groups(pool, r -> r.threads() + "/" + r.inFlight())) {
            double shared = score(group, "strategy", "SHARED");
            group.sort(Comparator.comparing(r -> PoolContentionBenchmark.Strategy.valueOf(r.param("strategy"))));
            for (ResultRow r : group) {
                line("| " + r.threads() + " | " + r.inFlight() + " | " + r.param("strategy") + " | "
                        + ops(r.opsPerSecond()) + " | " + ratio(r.opsPerSecond(), shared) + " | " + latency(r) + " |");
            }
            ResultRow best = group.stream().max(Comparator.comparingDouble(ResultRow::opsPerSecond)).orElseThrow();
            String verdict = best.param("strategy").equals("SHARED") || shared >= best.opsPerSecond() * (1 - NOISE)
                    ? "SHARED best or within " + percent(NOISE)
                    : best.param("strategy") + " wins (" + ratio(best.opsPerSecond(), shared) + " SHARED)";
            verdicts.add("- " + group.get(0).threads() + " thread(s), " + group.get(0).inFlight() + " in flight: "
                    + verdict);
        }
        line("");
        line("Default strategy (SHARED) against the best:");
        verdicts.forEach(this::line);
        line("");
    }

    private void overhead() {
        List<ResultRow> overhead = family("Overhead");
        if (overhead.isEmpty()) {
            return;
        }
        line("## Overhead: toolkit vs raw Lettuce, same commands, same connection, interleaved (target >= 0.95x)");
        line("");
        line("Both sides in one JVM on one connection (strategy SHARED), a window of each per invocation in "
                + "alternating order; ops/s of each side's own windows.");
        line("");
        line("| operation | in flight | Symphony ops/s | raw ops/s | ratio | target | Symphony p99 |");
        line("|---|--:|--:|--:|--:|---|--:|");
        for (ResultRow row : overhead) {
            if (!row.param("sides").equals("INTERLEAVED")) {
                continue;
            }
            double ratio = row.sideRatio();
            line("| " + row.param("operation") + " | " + row.inFlight() + " | " + ops(row.sideRate("symphony")) + " | "
                    + ops(row.sideRate("raw"))
                    + " | " + String.format(Locale.ROOT, "%.2f", ratio) + " | "
                    + (ratio >= 0.95 ? "met" : "**missed**") + " | " + ms(p99(row)) + " |");
        }
        line("");
    }

    private void peersInterleaved() {
        List<ResultRow> rows = family("PeerInterleaved");
        if (rows.isEmpty()) {
            return;
        }
        line("## Peers, interleaved: Symphony vs each peer on the user record");
        line("");
        line("Symphony and one other client in one JVM on one server, a window of each per invocation in "
                + "alternating order; ops/s of each client's own windows. Raw Lettuce sends Symphony's commands "
                + "(EVALSHA of the same HSET+PEXPIRE script, then HGETALL), Spring Data Redis and Redisson HSET, "
                + "EXPIRE, HGETALL. Every client on its default configuration: Symphony SHARED_ROUND_ROBIN with 2 "
                + "connections, raw Lettuce one connection.");
        line("");
        line("| in flight | other client | Symphony ops/s | other ops/s | Symphony / other | Symphony p99 |");
        line("|--:|---|--:|--:|--:|--:|");
        rows.sort(Comparator.comparingInt(ResultRow::inFlight).thenComparing(r -> Peer.valueOf(r.param("other"))));
        for (ResultRow row : rows) {
            line("| " + row.inFlight() + " | " + row.param("other") + " | " + ops(row.sideRate("symphony")) + " | "
                    + ops(row.sideRate("raw")) + " | " + String.format(Locale.ROOT, "%.2f", row.sideRatio()) + " | "
                    + ms(p99(row)) + " |");
        }
        line("");
    }

    private void peers() {
        List<ResultRow> peers = family("Peer");
        if (peers.isEmpty()) {
            return;
        }
        line("## Peers: user record (6 JSON fields) written with a TTL, then HGETALL decoded (baseline RAW_LETTUCE: "
                + "EVALSHA of the same HSET+PEXPIRE script + HGETALL; Spring Data Redis and Redisson: HSET, EXPIRE, "
                + "HGETALL)");
        line("");
        line("| in flight | client | ops/s | x RAW_LETTUCE | p50 | p99 | p99.9 |");
        line("|--:|---|--:|--:|--:|--:|--:|");
        List<String> verdicts = new ArrayList<>();
        for (List<ResultRow> group : groups(peers, r -> Integer.toString(r.inFlight()))) {
            double raw = score(group, "client", "RAW_LETTUCE");
            group.sort(Comparator.comparing(r -> Peer.valueOf(r.param("client"))));
            for (ResultRow r : group) {
                line("| " + r.inFlight() + " | " + r.param("client") + " | " + ops(r.opsPerSecond()) + " | "
                        + ratio(r.opsPerSecond(), raw) + " | " + latency(r) + " |");
            }
            find(group, "client", "SYMPHONY").ifPresent(ours -> {
                for (String peer : List.of("SPRING_DATA_REDIS", "REDISSON")) {
                    find(group, "client", peer).ifPresent(other -> verdicts.add("- " + ours.inFlight()
                            + " in flight vs " + peer + ": throughput " + ratio(ours.opsPerSecond(),
                            other.opsPerSecond()) + (ours.opsPerSecond() > other.opsPerSecond() ? " (ahead)"
                            : " (**behind**)") + ", p99 " + ms(p99(ours)) + " vs " + ms(p99(other))
                            + (p99(ours) <= p99(other) ? " (no worse)" : " (**worse**)")));
                }
            });
        }
        line("");
        line("Symphony against the peers:");
        verdicts.forEach(this::line);
        line("");
    }

    private void observability() {
        List<ResultRow> observed = family("Observability");
        if (observed.isEmpty()) {
            return;
        }
        line("## Observability: user record with the Micrometer instrumentation ON vs OFF, same run (target >= 0.95x)");
        line("");
        line("| in flight | ON ops/s | OFF ops/s | ratio | target | ON p99 | OFF p99 |");
        line("|--:|--:|--:|--:|---|--:|--:|");
        for (List<ResultRow> group : groups(observed, r -> Integer.toString(r.inFlight()))) {
            Optional<ResultRow> on = find(group, "instrumentation", "ON");
            Optional<ResultRow> off = find(group, "instrumentation", "OFF");
            if (on.isEmpty() || off.isEmpty()) {
                continue;
            }
            double ratio = on.get().opsPerSecond() / off.get().opsPerSecond();
            line("| " + on.get().inFlight() + " | " + ops(on.get().opsPerSecond()) + " | "
                    + ops(off.get().opsPerSecond()) + " | " + String.format(Locale.ROOT, "%.2f", ratio) + " | "
                    + (ratio >= 0.95 ? "met" : "**missed**") + " | " + ms(p99(on.get())) + " | "
                    + ms(p99(off.get())) + " |");
        }
        line("");
    }

    private void codec() {
        List<ResultRow> codec = family("Codec");
        if (codec.isEmpty()) {
            return;
        }
        line("## Codec (in-process; bytes/op from -prof gc in the full run)");
        line("");
        line("| kind | encode ops/s | decode ops/s | encode B/op | decode B/op |");
        line("|---|--:|--:|--:|--:|");
        for (List<ResultRow> group : groups(codec, r -> r.param("kind"))) {
            Optional<ResultRow> encode = group.stream().filter(r -> r.method().equals("encode")).findFirst();
            Optional<ResultRow> decode = group.stream().filter(r -> r.method().equals("decode")).findFirst();
            line("| " + group.get(0).param("kind") + " | " + encode.map(r -> ops(r.opsPerSecond())).orElse("-")
                    + " | " + decode.map(r -> ops(r.opsPerSecond())).orElse("-") + " | " + bytes(encode) + " | "
                    + bytes(decode) + " |");
        }
        line("");
    }

    private List<ResultRow> family(String name) {
        return rows.stream().filter(r -> r.family().equals(name)).collect(Collectors.toList());
    }

    private static List<List<ResultRow>> groups(List<ResultRow> rows, java.util.function.Function<ResultRow, String> by) {
        Map<String, List<ResultRow>> grouped = new LinkedHashMap<>();
        rows.stream()
                .sorted(Comparator.comparingInt(ResultRow::threads).thenComparingInt(ResultRow::inFlight))
                .forEach(r -> grouped.computeIfAbsent(by.apply(r), k -> new ArrayList<>()).add(r));
        return new ArrayList<>(grouped.values());
    }

    private static Optional<ResultRow> find(List<ResultRow> group, String param, String value) {
        return group.stream().filter(r -> r.param(param).equals(value)).findFirst();
    }

    private static double score(List<ResultRow> group, String param, String value) {
        return find(group, param, value).map(ResultRow::opsPerSecond).orElse(Double.NaN);
    }

    private static double p99(ResultRow row) {
        return row.latency() == null ? Double.NaN : row.latency().p99();
    }

    private static String latency(ResultRow r) {
        ResultRow.LatencyFigures l = r.latency();
        return l == null ? "- | - | -" : ms(l.p50()) + " | " + ms(l.p99()) + " | " + ms(l.p999());
    }

    static String ops(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value, double baseline) {
        return Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%.2f", value / baseline);
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String bytes(Optional<ResultRow> row) {
        return row.map(ResultRow::bytesPerOp).map(b -> String.format(Locale.ROOT, "%,.0f", b)).orElse("-");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
