package io.symphony.redis.benchmarks;

import io.symphony.redis.testsupport.PrivateRedisServer;

/**
 * A private {@code redis-server} for one benchmark trial, resolved like the test kit (redis-server on PATH, else the
 * embedded binary), so results never depend on, or disturb, a server the machine already runs.
 */
final class BenchRedis {

    private BenchRedis() {
    }

    /** Start a server with persistence off and a generous client limit for 1,024 commands in flight. */
    static PrivateRedisServer start() {
        return PrivateRedisServer.start("--maxclients", "2000", "--hz", "10");
    }

    /** Start a server like {@link #start()} that publishes keyspace {@code expired} events. */
    static PrivateRedisServer startWithKeyspaceEvents() {
        return PrivateRedisServer.start("--maxclients", "2000", "--hz", "10", "--notify-keyspace-events", "Ex");
    }
}
