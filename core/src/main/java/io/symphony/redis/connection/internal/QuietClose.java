package io.symphony.redis.connection.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.api.StatefulConnection;
import reactor.core.publisher.Mono;

/**
 * Close a Lettuce connection once. Lettuce logs WARN "Connection is already closed" when {@code closeAsync()} runs on
 * a closed connection, which an orderly shutdown does when two owners (a pool and the client's own shutdown, a
 * subscription and its connector) each close what they hold.
 */
public final class QuietClose {

    private static final Logger log = LoggerFactory.getLogger(QuietClose.class);

    private QuietClose() {
    }

    /**
     * Log the failure of a close that nobody awaits (a connection that arrived after its subscriber cancelled): at
     * DEBUG, since the connection is being discarded either way and its client's shutdown closes it too.
     */
    public static void logLateCloseFailure(Throwable error) {
        log.debug("Closing a connection nobody awaits failed", error);
    }

    /** Close the connection unless it is closed already; completes when it is closed. */
    public static Mono<Void> close(StatefulConnection<?, ?> connection) {
        return Mono.defer(() -> isClosed(connection)
                ? Mono.empty()
                : Mono.fromCompletionStage(connection.closeAsync()));
    }

    /** Whether {@code closeAsync()} already ran on the connection. */
    public static boolean isClosed(StatefulConnection<?, ?> connection) {
        return connection instanceof RedisChannelHandler<?, ?> handler && handler.isClosed();
    }
}
