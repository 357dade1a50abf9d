package io.symphony.redis.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts completed Redis operations per caller thread; JMH reports the field {@code ops} as operations per second
 * next to the primary score (windows per second).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Completed {

    /** Operations completed in the current iteration. */
    public long ops;

    /** Start each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        ops = 0;
    }
}
