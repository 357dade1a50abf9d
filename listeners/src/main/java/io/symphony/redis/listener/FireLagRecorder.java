package io.symphony.redis.listener;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Fire lag (handler start minus due time) of every first attempt: count, sum and maximum, lock-free. */
final class FireLagRecorder {

    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final AtomicLong max = new AtomicLong();
    private final Clock clock;

    FireLagRecorder(Clock clock) {
        this.clock = clock;
    }

    /** Record the lag of {@code event}'s first attempt, starting now; return it in ms. */
    long record(TriggerEvent event) {
        long lag = Math.max(0, clock.millis() - event.dueAt().toEpochMilli());
        count.increment();
        sum.add(lag);
        max.accumulateAndGet(lag, Math::max);
        return lag;
    }

    FireLag snapshot() {
        long n = count.sum();
        return new FireLag(n, n == 0 ? 0 : sum.sum() / n, max.get());
    }
}
