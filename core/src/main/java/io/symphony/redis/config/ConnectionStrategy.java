package io.symphony.redis.config;

/**
 * How commands reach Redis.
 *
 * @since 0.1
 */
public enum ConnectionStrategy {

    /**
     * One multiplexed connection per distinct (server, DB), shared by every alias that points there and by every
     * caller. Lettuce connections are thread-safe; on a small machine client CPU per operation decides throughput,
     * and this strategy spends the least. The default.
     */
    SHARED,

    /**
     * {@code poolSize} multiplexed connections per distinct (server, DB), each shared like {@link #SHARED}; every
     * publisher runs on the next one in turn. Lettuce keeps each connection's I/O and reply decoding on one Netty
     * event loop, so several connections spread that work over the event loops (as many as the client resources
     * have I/O threads, by default the number of cores). Commands of one publisher stay on one connection; two
     * publishers get no ordering between them, as with {@link #SHARED} under concurrency.
     *
     * @since 0.1
     */
    SHARED_ROUND_ROBIN,

    /**
     * A bounded pool of connections per distinct (server, DB). A caller borrows one connection for the whole
     * publisher it runs and gives it back on complete, error or cancel; when all are borrowed, callers wait in
     * order. Use it for long blocking commands; it costs more CPU per operation than {@link #SHARED}.
     *
     * <p>A borrower that runs further commands on the same pool inside its publisher (a nested call) needs a second
     * connection and waits if none is free: keep nested work outside, as SCAN does by borrowing per page.
     */
    POOLED
}
