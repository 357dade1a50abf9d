package io.symphony.redis.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-iteration totals of an interleaved comparison: the operations each side ran and the nanoseconds its own
 * windows took. Each side's rate is {@code ops / nanos}; their quotient is the ratio, free of the drift a shared
 * machine's load puts between two separate runs (both sides see the same load, JIT state and server).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SideBySide {

    /** Operations run through the toolkit. */
    public long symphonyOps;
    /** Nanoseconds of the toolkit's windows. */
    public long symphonyNanos;
    /** Operations run by the baseline: raw Lettuce, or the peer Symphony is compared with. */
    public long rawOps;
    /** Nanoseconds of the baseline's windows. */
    public long rawNanos;

    /** Start each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        symphonyOps = 0;
        symphonyNanos = 0;
        rawOps = 0;
        rawNanos = 0;
    }

    /** Time one window of the toolkit. */
    void symphony(java.util.function.IntSupplier window) {
        long start = System.nanoTime();
        symphonyOps += window.getAsInt();
        symphonyNanos += System.nanoTime() - start;
    }

    /** Time one window of the baseline. */
    void raw(java.util.function.IntSupplier window) {
        long start = System.nanoTime();
        rawOps += window.getAsInt();
        rawNanos += System.nanoTime() - start;
    }
}
