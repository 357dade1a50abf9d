package io.symphony.redis.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders the trigger benchmark's rows as Markdown, with a verdict per target of the trigger issue (item 8). */
final class TriggerReport {

    /** Burst target: occurrences handled per second, exactly once. */
    static final double BURST_TARGET = 20_000;
    /** Spread target: p99 fire lag at 5,000/s offered, in ms. */
    static final long SPREAD_P99_TARGET_MS = 20;
    /** Listener scripts per trigger on the sweep path, at most about. */
    static final double SCRIPTS_TARGET = 1.0;

    private final StringBuilder out = new StringBuilder();

    private TriggerReport() {
    }

    /** The whole report. */
    static String render(List<TriggerBenchmark.Row> rows, Machine machine, String date, String loadAtEnd,
            boolean quick, String command) {
        TriggerReport report = new TriggerReport();
        report.header(machine, date, loadAtEnd, quick, command);
        report.table(rows);
        report.verdicts(rows);
        return report.out.toString();
    }

    private void header(Machine machine, String date, String loadAtEnd, boolean quick, String command) {
        line("# Trigger throughput and fire lag" + (quick ? " (quick mode: small sizes, not for comparison)" : ""));
        line("");
        line("Run " + date + " on " + machine.summary() + ", at the end " + loadAtEnd
                + ". A load average above the core count means other work shared the CPU with this run.");
        line("");
        line("Command: `" + command + "`");
        line("");
        line("Each row is a fresh `redis-server` (`notify-keyspace-events Ex`, `hz 10`) holding the other TTL keys on "
                + "the expiry DB. *TriggerListener*: `RedisTrigger.set`, default options (handler concurrency 64), "
                + "handlers that do no work; *keyspace events*: plain `SET PX` keys heard through `ExpiryEvents`. Lag "
                + "is handler start (event arrival) minus due time, in ms; triggers/s is the occurrences handled over "
                + "the time from the first due time to the last start. Scripts are the listener's `EVALSHA`+`EVAL` "
                + "calls from `INFO commandstats`, from after the writes to after `stop()`; *exactly once* means each "
                + "occurrence ran once and the due-index, in-flight set and tokens were empty after `stop()`; "
                + "*claimed by* tells which path claimed the occurrences (the sweeper, or a keyspace event); *JVM CPU "
                + "µs per trigger* is the CPU time of the whole benchmark process (every thread, JIT and GC included) "
                + "from the end of the writes until the last occurrence started, over the occurrences: it counts work, "
                + "not waiting for the CPU, but still varies between runs (JIT compilation and GC included).");
        line("");
    }

    private void table(List<TriggerBenchmark.Row> rows) {
        line("| load | path | other TTL keys | occurrences | handled | exactly once | lag p50 | p99 | max "
                + "| triggers/s | listener scripts | scripts per trigger | claimed by | JVM CPU µs per trigger |");
        line("|---|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|---|--:|");
        for (TriggerBenchmark.Row r : rows) {
            line("| " + r.shape().name() + " | " + r.path() + " | " + count(r.noise()) + " | " + count(r.shape().n())
                    + " | " + count(r.handled()) + " | " + once(r) + " | " + r.p50() + " | " + r.p99() + " | "
                    + r.max() + " | " + count(Math.round(r.perSecond())) + " | "
                    + (r.scripts() == null ? "-" : count(r.scripts())) + " | "
                    + (r.scripts() == null ? "-" : String.format(Locale.ROOT, "%.3f", perTrigger(r))) + " | "
                    + sources(r) + " | " + (r.cpuMicrosPerTrigger() < 0 ? "-"
                    : String.format(Locale.ROOT, "%.1f", r.cpuMicrosPerTrigger())) + " |");
        }
        List<TriggerBenchmark.Row> overran = rows.stream().filter(r -> r.writeOverrunMillis() > 0).toList();
        if (!overran.isEmpty()) {
            line("");
        }
        overran.forEach(r -> line("- " + r.shape().name() + " / "
                + r.path() + ": the writes finished " + r.writeOverrunMillis() + " ms after the first due time, so "
                + "its lag includes write time."));
        line("");
    }

    private void verdicts(List<TriggerBenchmark.Row> rows) {
        line("Targets (2-core machine):");
        listener(rows, 0).ifPresent(r -> line("- burst of " + count(r.shape().n()) + ": " + count(Math.round(
                r.perSecond())) + "/s, " + (r.exactlyOnce() ? "exactly once" : "**not exactly once**") + " (target "
                + count((long) BURST_TARGET) + "/s exactly once: " + met(r.exactlyOnce()
                && r.perSecond() >= BURST_TARGET) + ")"));
        listener(rows, 5_000).ifPresent(r -> line("- 5,000/s offered: p99 lag " + r.p99() + " ms (target <= "
                + SPREAD_P99_TARGET_MS + " ms: " + met(r.exactlyOnce() && r.p99() <= SPREAD_P99_TARGET_MS) + ")"));
        double worst = rows.stream().filter(r -> r.scripts() != null).mapToDouble(TriggerReport::perTrigger).max()
                .orElse(Double.NaN);
        line("- listener scripts per trigger, worst row: " + String.format(Locale.ROOT, "%.3f", worst)
                + " (target <= ~" + SCRIPTS_TARGET + ": " + met(worst <= SCRIPTS_TARGET) + ")");
        line("");
    }

    private static Optional<TriggerBenchmark.Row> listener(List<TriggerBenchmark.Row> rows, int rate) {
        return rows.stream().filter(r -> r.path().equals("TriggerListener") && r.shape().rate() == rate
                && r.shape().withEvents()).findFirst();
    }

    private static double perTrigger(TriggerBenchmark.Row r) {
        Long scripts = r.scripts();
        return scripts == null ? Double.NaN : (double) scripts / r.shape().n();
    }

    private static String once(TriggerBenchmark.Row r) {
        if (r.leftEmpty() == null) {
            return r.handled() == r.shape().n() ? "all heard once" : "**" + count(r.shape().n() - r.handled())
                    + " not heard in time**";
        }
        return r.exactlyOnce() ? "yes" : "**no** (" + r.duplicates() + " twice, " + (r.shape().n() - r.handled())
                + " missing, left empty: " + r.leftEmpty() + ")";
    }

    private static String sources(TriggerBenchmark.Row r) {
        if (r.sources().isEmpty()) {
            return "-";
        }
        return r.sources().entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " "
                + count(e.getValue())).collect(Collectors.joining(", "));
    }

    private static String met(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
