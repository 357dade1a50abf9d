package io.symphony.redis.listener;

import io.lettuce.core.SetArgs;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fire-lag and throughput harness (not a test): starts a private server ({@code --hz} as given), sets N triggers due
 * over a spread of seconds, and prints lag (handler start minus local due time) p50/p99/max and handled/s, once
 * event-only (keys written as the original does, no due entry) and once through {@code RedisTrigger} (due-index).
 *
 * <p>Run: {@code mvn -q -pl listeners -am test-compile exec:java} is not configured; use
 * {@code java -cp "$(cat cp.txt):listeners/target/test-classes:listeners/target/classes"
 * io.symphony.redis.listener.TriggerLoadHarness 5000 5000 10 20000}
 * (N, spread ms, hz, extra TTL keys).
 */
public final class TriggerLoadHarness {

    private TriggerLoadHarness() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int spread = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        String hz = args.length > 2 ? args[2] : "10";
        int noise = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        for (String mode : new String[] {"event-only", "due-index"}) {
            try (ListenerFixture fx = new ListenerFixture("--notify-keyspace-events", "Ex", "--hz", hz)) {
                run(fx, mode, n, spread, noise);
            }
        }
        System.exit(0);
    }

    private static void run(ListenerFixture fx, String mode, int n, int spread, int noise) {
        SymphonyRuntime runtime = fx.runtime();
        Map<String, Long> due = new ConcurrentHashMap<>();
        long[] lags = new long[n];
        int[] done = {0};
        long[] lastAt = {0};
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on("load", event -> Mono.fromRunnable(() -> {
            long now = System.currentTimeMillis();
            Long deadline = due.get(event.identifier());
            synchronized (lags) {
                if (deadline != null && done[0] < n) {
                    lags[done[0]++] = now - deadline;
                    lastAt[0] = now;
                }
            }
        }));
        fx.listener(runtime, registry).start().block(Duration.ofSeconds(10));
        for (int i = 0; i < noise; i++) {
            fx.setRaw("noise:" + i, "x", Duration.ofMinutes(10));
        }
        RedisTrigger triggers = fx.triggers(runtime, "load");
        long start = System.currentTimeMillis() + 500;
        Flux.range(0, n).flatMap(i -> {
            String id = "u" + i;
            long deadline = start + (long) i * spread / n;
            due.put(id, deadline);
            long ttl = Math.max(1, deadline - System.currentTimeMillis());
            if (mode.equals("event-only")) {
                return runtime.ops().onPool("expiry")
                        .set("load:EXPTRIGGER:load:" + id, "trigger:x", SetArgs.Builder.px(ttl));
            }
            return triggers.set("load", id, Duration.ofMillis(ttl));
        }, 64).then().block(Duration.ofMinutes(2));
        long deadlineAll = start + spread + 120_000;
        while (System.currentTimeMillis() < deadlineAll) {
            synchronized (lags) {
                if (done[0] >= n) {
                    break;
                }
            }
            Mono.delay(Duration.ofMillis(50)).block();
        }
        long[] sorted;
        synchronized (lags) {
            sorted = Arrays.copyOf(lags, done[0]);
        }
        Arrays.sort(sorted);
        double seconds = Math.max(1, lastAt[0] - start) / 1000.0;
        System.out.printf("%-10s n=%d handled=%d noise=%d  lag p50=%d ms p99=%d ms max=%d ms  throughput=%.0f/s%n",
                mode, n, sorted.length, noise, pct(sorted, 0.50), pct(sorted, 0.99),
                sorted.length == 0 ? -1 : sorted[sorted.length - 1], sorted.length / seconds);
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
