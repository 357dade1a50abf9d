package io.symphony.redis.connection.internal;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.api.StatefulConnection;
import reactor.core.publisher.Mono;

/**
 * Close a Lettuce connection once. Lettuce logs WARN "Connection is already closed" when {@code closeAsync()} runs on
 * a closed connection, which an orderly shutdown does when two owners (a pool and the client's own shutdown, a
 * subscription and its connector) each close what they hold.
 */
public final class QuietClose {

    private QuietClose() {
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
