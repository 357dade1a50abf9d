package io.symphony.redis.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.symphony.redis.repository.RepositoryCall;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The repository timers when no {@code ObservationRegistry} was given: the same name and tags a meter observation
 * handler would record ({@code repository}, {@code operation}, {@code pool}, {@code outcome}, {@code error}, the
 * opt-in {@code tenant}), without an {@code Observation} per call, and with each timer looked up once per tag set
 * instead of being rebuilt on every call.
 */
final class RepositoryTimers {

    private final MeterRegistry meters;
    private final boolean tenantTag;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    RepositoryTimers(MeterRegistry meters, boolean tenantTag) {
        this.meters = meters;
        this.tenantTag = tenantTag;
    }

    private record Key(String repository, String operation, String pool, String tenant, String outcome,
            String error) {
    }

    /** Start timing one subscription of {@code call}. */
    Stopwatch start(RepositoryCall call) {
        return new Stopwatch(call, meters.config().clock().monotonicTime());
    }

    /**
     * One timed subscription, recorded once, at its first final signal and before that signal goes downstream (so a
     * subscriber that sees the result also sees the timer).
     */
    final class Stopwatch {

        private final RepositoryCall call;
        private final long start;
        private final AtomicBoolean recorded = new AtomicBoolean();

        private Stopwatch(RepositoryCall call, long start) {
            this.call = call;
            this.start = start;
        }

        void succeeded() {
            record("success", null);
        }

        void failed(Throwable failure) {
            record("error", failure);
        }

        void cancelled() {
            record("cancelled", null);
        }

        private void record(String outcome, @Nullable Throwable failure) {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            Key key = new Key(call.repository(), call.operation(), call.pool(), tenantTag ? call.tenant() : "",
                    outcome, failure == null ? "none" : failure.getClass().getSimpleName());
            timers.computeIfAbsent(key, RepositoryTimers.this::timer)
                    .record(meters.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(Key key) {
        Timer.Builder timer = Timer.builder(MeterNames.REPOSITORY)
                .description("Repository calls, by repository, operation, pool and outcome")
                .tag("repository", key.repository())
                .tag("operation", key.operation())
                .tag(MeterNames.TAG_POOL, key.pool())
                .tag(MeterNames.TAG_OUTCOME, key.outcome())
                .tag("error", key.error());
        if (tenantTag) {
            timer.tag("tenant", key.tenant());
        }
        return timer.register(meters);
    }
}
