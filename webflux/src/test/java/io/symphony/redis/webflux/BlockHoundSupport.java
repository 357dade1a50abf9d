package io.symphony.redis.webflux;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Install BlockHound once per test JVM (with the Reactor and Netty integrations found on the class path, which
 * mark parallel-scheduler and Netty event-loop threads as non-blocking) and record every blocking call it detects
 * (without throwing), so a test can assert that none happened.
 */
final class BlockHoundSupport {

    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    static {
        BlockHound.builder()
                .loadIntegrations()
                // Netty 4.2's adaptive allocator takes a short internal StampedLock when it grows its magazines;
                // Netty's own BlockHound integration does not list it yet. Not a call our code makes.
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                        "tryExpandMagazines")
                // Lettuce guards the hand-over of a command to its channel with a short ReentrantLock (shared with
                // reconnects); under contention (many requests, few cores) a dispatch parks for microseconds. That is
                // Lettuce's design for its reactive API, which is meant to be called from event loops.
                .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
                .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters")
                // Record, do not throw: an error thrown from inside a lock's park (Lettuce, Netty) would leave the
                // lock's queue corrupted and hang the JVM; the tests assert on the record instead.
                .blockingMethodCallback(method -> {
                    VIOLATIONS.add(method + " on " + Thread.currentThread().getName());
                    if (System.getenv("BLOCKHOUND_TRACE") != null) {
                        new BlockingOperationError(method).printStackTrace();
                    }
                })
                .install();
    }

    private BlockHoundSupport() {
    }

    /** Make sure BlockHound is installed. */
    static void install() {
        // the static initializer did it
    }

    /** Blocking calls detected since the last {@link #clear()}. */
    static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    /** Forget recorded calls (after a test that blocks on purpose). */
    static void clear() {
        VIOLATIONS.clear();
    }
}
