package io.symphony.redis.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stops, at JVM exit, every process the test kit started and has not stopped yet.
 *
 * <p>It only ever signals the {@link Process} handles it was given (by their pid, through the JDK handle that is
 * bound to the started process), never processes found by name.
 */
final class ProcessReaper {

    private static final Map<Long, Process> LIVE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::stopAll, "symphony-test-redis-reaper"));
    }

    private ProcessReaper() {
    }

    /** Remember {@code process} so that it is stopped at JVM exit. */
    static void register(Process process) {
        LIVE.put(process.pid(), process);
    }

    /** Forget {@code process}, which the caller has stopped. */
    static void unregister(Process process) {
        LIVE.remove(process.pid(), process);
    }

    /** Tell whether {@code pid} is a process we started and still have to stop at exit. */
    static boolean isRegistered(long pid) {
        return LIVE.containsKey(pid);
    }

    private static void stopAll() {
        List<Process> processes = List.copyOf(LIVE.values());
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
