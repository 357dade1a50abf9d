package io.symphony.redis.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws the end-to-end results as one SVG, written by hand: per family a section of rows, one per configuration,
 * with a blue bar for operations per second and an orange bar for p99 latency, each scaled to its section's
 * maximum and labelled with its value.
 */
final class SvgChart {

    private static final int ROW = 18;
    private static final int LABEL = 330;
    private static final int BAR = 300;
    private static final int WIDTH = LABEL + 2 * (BAR + 110) + 20;

    private final StringBuilder body = new StringBuilder();
    private int y = 40;

    private SvgChart() {
    }

    /** The chart of every Redis benchmark row (the codec has no latency and is left to the table). */
    static String render(List<ResultRow> rows, String title) {
        SvgChart chart = new SvgChart();
        chart.section("Pool contention (threads / in flight / strategy)", rows, "PoolContention",
                r -> "t" + r.threads() + " / " + r.inFlight() + " / " + r.param("strategy"));
        chart.section("Peers, user record (in flight / client)", rows, "Peer",
                r -> r.inFlight() + " / " + r.param("client"));
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (chart.y + 20)
                + "\" font-family=\"sans-serif\" font-size=\"11\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + text(10, 20, escape(title), "font-size=\"14\" font-weight=\"bold\"")
                + chart.body + "</svg>\n";
    }

    private void section(String title, List<ResultRow> all, String family,
            java.util.function.Function<ResultRow, String> label) {
        List<ResultRow> rows = new ArrayList<>(all.stream().filter(r -> r.family().equals(family)).toList());
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(Comparator.comparingInt(ResultRow::threads).thenComparingInt(ResultRow::inFlight)
                .thenComparing(label::apply));
        double maxOps = rows.stream().mapToDouble(ResultRow::opsPerSecond).max().orElse(1);
        double maxP99 = rows.stream().mapToDouble(SvgChart::p99).filter(v -> !Double.isNaN(v)).max().orElse(1);
        y += 10;
        body.append(text(10, y, escape(title), "font-size=\"13\" font-weight=\"bold\""));
        body.append(text(LABEL, y, "ops/s", "fill=\"#1f77b4\""));
        body.append(text(LABEL + BAR + 110, y, "p99 latency (ms)", "fill=\"#ff7f0e\""));
        y += 6;
        for (ResultRow row : rows) {
            bar(escape(label.apply(row)), row.opsPerSecond(), maxOps, p99(row), maxP99);
        }
        y += 10;
    }

    private void bar(String label, double ops, double maxOps, double p99, double maxP99) {
        int top = y;
        body.append(text(10, top + 12, label, ""));
        int opsWidth = (int) Math.max(1, Math.round(BAR * ops / maxOps));
        body.append(rect(LABEL, top + 3, opsWidth, ROW - 6, "#1f77b4"));
        body.append(text(LABEL + opsWidth + 4, top + 12, MarkdownReport.ops(ops), ""));
        if (!Double.isNaN(p99)) {
            int x = LABEL + BAR + 110;
            int width = (int) Math.max(1, Math.round(BAR * p99 / maxP99));
            body.append(rect(x, top + 3, width, ROW - 6, "#ff7f0e"));
            body.append(text(x + width + 4, top + 12, MarkdownReport.ms(p99), ""));
        }
        y += ROW;
    }

    private static double p99(ResultRow row) {
        return row.latency() == null ? Double.NaN : row.latency().p99();
    }

    private static String rect(int x, int y, int width, int height, String colour) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                x, y, width, height, colour);
    }

    private static String text(int x, int y, String content, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s</text>%n", x, y, attributes, content);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
