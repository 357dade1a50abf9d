package io.symphony.redis.config;

/**
 * How commands reach Redis.
 *
 * @since 0.1
 */
public enum ConnectionStrategy {

    /**
     * One multiplexed connection per distinct (server, DB), shared by every alias that points there and by every
     * caller. Lettuce connections are thread-safe and pipeline every caller's commands; this strategy opens the
     * fewest connections, but keeps all I/O of a (server, DB) on one Netty event loop, which caps throughput at high
     * concurrency (see {@link #SHARED_ROUND_ROBIN}).
     */
    SHARED,

    /**
     * {@code sharedConnections} (default 2) multiplexed connections per distinct (server, DB), each shared like
     * {@link #SHARED}; every publisher runs on the next one in turn. Lettuce keeps each connection's I/O and reply
     * decoding on one Netty event loop, so several connections spread that work over the event loops (as many as the client resources
     * have I/O threads, by default the number of cores). Commands of one publisher stay on one connection; two
     * publishers get no ordering between them, as with {@link #SHARED} under concurrency. The default: on 2 cores
     * it measured about twice the throughput of {@link #SHARED} at 256 in flight and within noise of it at 1 and 16
     * (README "Benchmarks").
     *
     * @since 0.1
     */
    SHARED_ROUND_ROBIN,

    /**
     * A bounded pool of connections per distinct (server, DB). A caller borrows one connection for the whole
     * publisher it runs and gives it back on complete, error or cancel; when all are borrowed, callers wait in
     * order, at most {@code poolMaxPendingAcquires} of them and each at most {@code poolAcquireTimeout}, then fail
     * with {@link io.symphony.redis.connection.PoolExhaustedException}. Closing the runtime fails every waiting
     * caller at once. Runs on reactor-pool. Use it for long blocking commands; it costs more CPU per operation than
     * {@link #SHARED}.
     *
     * <p>A borrower that runs further commands on the same pool inside its publisher (a nested call) needs a second
     * connection and waits if none is free: keep nested work outside, as SCAN does by borrowing per page.
     */
    POOLED
}
