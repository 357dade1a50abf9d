package io.symphony.redis.benchmarks;

import java.util.function.IntFunction;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs one window of asynchronous operations with a fixed number in flight and records each one's latency, from
 * subscription (the operation is assembled inside it, so building the command is counted) to its last signal.
 *
 * <p>A window holds at least 64 operations and 8 times the in-flight count, so the ramp-down at its end, when
 * fewer than {@code inFlight} remain, is a small part of it. An operation's error fails the window, and so the
 * benchmark: a benchmark that measures failures would be worse than none.
 */
final class LoadDriver {

    private LoadDriver() {
    }

    /** Operations per window for a given in-flight count. */
    static int window(int inFlight) {
        return Math.max(64, 8 * inFlight);
    }

    /** Each caller thread's share of the total in-flight count (at least one). */
    static int perThread(int inFlight, int threads) {
        return Math.max(1, (inFlight + threads - 1) / threads);
    }

    /**
     * Run one window and wait for it.
     *
     * @return the number of operations completed
     */
    static int run(IntFunction<Mono<?>> operation, int inFlight, int offset, Recorder recorder) {
        int window = window(inFlight);
        Flux.range(offset, window)
                .flatMap(i -> timed(operation, i, recorder), inFlight, 1)
                .blockLast(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
        return window;
    }

    private static Mono<?> timed(IntFunction<Mono<?>> operation, int i, Recorder recorder) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return operation.apply(i).doOnTerminate(() -> recorder.recordValue(System.nanoTime() - start));
        });
    }
}
