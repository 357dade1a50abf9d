package io.symphony.redis.benchmarks;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A non-blocking counting gate in front of Lettuce's async pool, which fails fast with "Pool exhausted" instead of
 * letting callers wait. Waiters are served in FIFO order by a single drainer at a time.
 */
final class WaitGate {

    private final AtomicInteger permits;
    private final Queue<MonoSink<Boolean>> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();

    WaitGate(int permits) {
        this.permits = new AtomicInteger(permits);
    }

    /** Emit once a permit is held; the caller must {@link #release()} it. */
    Mono<Boolean> acquire() {
        return Mono.create(sink -> {
            waiters.add(sink);
            drain();
        });
    }

    /** Give a permit back and serve the next waiter. */
    Mono<Void> release() {
        return Mono.fromRunnable(() -> {
            permits.incrementAndGet();
            drain();
        });
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            while (permits.get() > 0 && !waiters.isEmpty()) {
                MonoSink<Boolean> next = waiters.poll();
                if (next != null) {
                    permits.decrementAndGet();
                    next.success(Boolean.TRUE);
                }
            }
        } while (wip.decrementAndGet() != 0);
    }
}
