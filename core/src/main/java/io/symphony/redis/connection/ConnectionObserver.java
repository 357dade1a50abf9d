package io.symphony.redis.connection;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Observes the connections of a runtime: the targets it opens, each connection that becomes active (the first
 * time or after a reconnect) or inactive, and each borrow from a {@link io.symphony.redis.config.ConnectionStrategy#POOLED}
 * pool. Set with {@code SymphonyRedisConfig.Builder#connectionObserver}; the Micrometer module implements it.
 *
 * <p>Connection events come from the Lettuce event bus of the runtime's client resources, so they also cover the
 * connections other toolkit clients open on those resources to the same (server, DB), such as the expiry listener's
 * pub/sub connection. They arrive asynchronously, on an event-bus thread, possibly after the first commands of the
 * connection. Every method has a no-op default, must be thread-safe, must not block and should not throw (what it
 * throws is logged and dropped: an observer never fails a command or a connect).
 *
 * @since 0.1
 */
public interface ConnectionObserver {

    /** The observer that observes nothing: the default. */
    ConnectionObserver NOOP = new ConnectionObserver() { };

    /** The runtime is about to connect {@code targets}, one per distinct (server, DB). */
    default void opening(List<RedisTarget> targets) {
    }

    /**
     * A connection of {@code target} became active (connected, handshake done).
     *
     * @param local the client side of the socket, which identifies the connection in Lettuce's command latencies
     * @param reconnect {@code true} when the same Lettuce connection was active before (a re-connect)
     */
    default void connected(RedisTarget target, SocketAddress local, boolean reconnect) {
    }

    /** A connection of {@code target} became inactive; Lettuce re-connects it unless it was closed. */
    default void disconnected(RedisTarget target, SocketAddress local) {
    }

    /**
     * A borrower of a pooled {@code target} got a connection after waiting {@code waited}, or gave up: {@code error}
     * is then the {@link PoolExhaustedException} (or closed error) it fails with, else {@code null}.
     */
    default void acquired(RedisTarget target, Duration waited, @Nullable Throwable error) {
    }

    /** The runtime closed {@code targets}; no more events follow for them. */
    default void closed(List<RedisTarget> targets) {
    }
}
