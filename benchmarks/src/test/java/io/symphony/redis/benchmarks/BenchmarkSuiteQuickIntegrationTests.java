package io.symphony.redis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Run the quick suite in-process, as CI does through {@code mvn verify}, and check that every benchmark of every
 * plan produced a result and that the JSON, the table and the chart were written. The numbers are not asserted:
 * results are tracked over time, never judged in a test.
 */
@Tag("integration")
class BenchmarkSuiteQuickIntegrationTests {

    @Test
    @Timeout(300)
    void quickSuite_producesEveryResultAndTheReportFiles(@TempDir Path out) throws Exception {
        BenchmarkSuite.Outcome outcome = BenchmarkSuite.run(true, out, ".*");

        assertThat(outcome.rows()).hasSize(expectedConfigurations(outcome.plans()));
        assertThat(outcome.rows()).allSatisfy(row -> assertThat(row.opsPerSecond()).isPositive());
        assertThat(outcome.rows()).filteredOn(row -> !row.family().equals("Codec"))
                .allSatisfy(row -> assertThat(row.latency()).as("latency of %s %s", row.benchmark(), row.params())
                        .isNotNull());
        assertThat(outcome.rows()).extracting(ResultRow::family)
                .contains("PoolContention", "Overhead", "Peer", "Codec");
        assertThat(Files.readString(outcome.json())).startsWith("[").contains("PeerBenchmark.run");
        assertThat(Files.readString(outcome.latency())).contains("p99Micros");
        assertThat(Files.readString(outcome.table()))
                .contains("## Pool contention", "## Overhead", "## Peers", "## Codec", "| REDISSON |");
        assertThat(Files.readString(outcome.chart()))
                .startsWith("<svg").contains("SPRING_DATA_REDIS").endsWith("</svg>\n");
        // The trigger benchmark (own driver): both paths per load shape, the listener exactly once every time.
        assertThat(outcome.triggerRows()).extracting(TriggerBenchmark.Row::path)
                .containsExactly("TriggerListener", "keyspace events", "TriggerListener", "keyspace events");
        assertThat(outcome.triggerRows()).filteredOn(row -> row.path().equals("TriggerListener"))
                .allSatisfy(row -> {
                    assertThat(row.exactlyOnce()).as("%s exactly once", row.shape().name()).isTrue();
                    assertThat(row.scripts()).isNotNull().isPositive();
                });
        assertThat(outcome.triggerTable()).isNotNull();
        assertThat(Files.readString(outcome.triggerTable())).contains("| burst | TriggerListener |",
                "listener scripts per trigger");
    }

    /** Configurations per plan: benchmark methods times the product of the parameter lists in force. */
    private static int expectedConfigurations(List<SuitePlan> plans) {
        int total = 0;
        for (SuitePlan plan : plans) {
            int configurations = (int) Arrays.stream(plan.type().getMethods())
                    .filter(method -> method.isAnnotationPresent(Benchmark.class))
                    .count();
            for (Field field : plan.type().getFields()) {
                Param param = field.getAnnotation(Param.class);
                if (param != null) {
                    List<String> override = plan.params().get(field.getName());
                    configurations *= override != null ? override.size() : param.value().length;
                }
            }
            total += configurations;
        }
        return total;
    }
}
