package io.symphony.redis.benchmarks;

import java.time.Duration;

/**
 * How long a trial's teardown waits for clients to close. The forked JVM exits right after, and graceful
 * shutdowns (scheduler disposal, Netty quiet periods) would otherwise add seconds to each of the suite's ~100
 * forks without changing any result.
 */
final class Teardown {

    /** The bound on each client's close. */
    static final Duration BOUND = Duration.ofMillis(300);

    private Teardown() {
    }
}
