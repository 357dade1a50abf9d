package io.symphony.redis.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-iteration totals of an interleaved comparison: the operations each side ran and the nanoseconds its own
 * windows took. Each side's rate is {@code ops / nanos}; their quotient is the ratio, free of the drift a shared
 * machine's load puts between two separate runs (both sides see the same load, JIT state and server).
 *
 * <p>Each side's windows also add up the CPU time the whole JVM spent meanwhile (every thread: the caller, Netty's
 * event loops, GC and JIT). Both sides send the same commands, so the server's share is equal and {@code cpuNanos /
 * ops} compares what each client costs per operation, which a saturated machine's throughput only shows mixed with
 * scheduling.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SideBySide {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Operations run through the toolkit. */
    public long symphonyOps;
    /** Nanoseconds of the toolkit's windows. */
    public long symphonyNanos;
    /** Operations run by the baseline: raw Lettuce, or the peer Symphony is compared with. */
    public long rawOps;
    /** Nanoseconds of the baseline's windows. */
    public long rawNanos;
    /** CPU nanoseconds of this JVM during the toolkit's windows. */
    public long symphonyCpuNanos;
    /** CPU nanoseconds of this JVM during the baseline's windows. */
    public long rawCpuNanos;

    /** Start each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        symphonyOps = 0;
        symphonyNanos = 0;
        rawOps = 0;
        rawNanos = 0;
        symphonyCpuNanos = 0;
        rawCpuNanos = 0;
    }

    /** Time one window of the toolkit. */
    void symphony(java.util.function.IntSupplier window) {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        symphonyOps += window.getAsInt();
        symphonyNanos += System.nanoTime() - start;
        symphonyCpuNanos += OS.getProcessCpuTime() - cpu;
    }

    /** Time one window of the baseline. */
    void raw(java.util.function.IntSupplier window) {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        rawOps += window.getAsInt();
        rawNanos += System.nanoTime() - start;
        rawCpuNanos += OS.getProcessCpuTime() - cpu;
    }
}
