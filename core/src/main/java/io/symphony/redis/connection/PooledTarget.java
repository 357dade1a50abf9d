package io.symphony.redis.connection;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fixed pool of connections to one target. A caller borrows one connection for the whole publisher it runs, so
 * {@code MULTI}/{@code EXEC} or a blocking pop never interleave with other callers; when every connection is out,
 * callers wait in order (Lettuce's own async pool fails fast when exhausted, which is why it is not used here).
 * Lettuce reconnects each connection by itself, so the pool never needs to replace one.
 */
final class PooledTarget implements ConnectionTarget {

    private final Mono<StatefulConnection<String, String>> connect;
    private final int size;
    private final List<StatefulConnection<String, String>> all = new CopyOnWriteArrayList<>();
    private final ConnectionQueue queue = new ConnectionQueue();

    PooledTarget(Mono<StatefulConnection<String, String>> connect, int size) {
        this.connect = connect;
        this.size = size;
    }

    /** Open every connection of the pool; fails (closing those opened) if any cannot be opened. */
    Mono<PooledTarget> warmUp() {
        return Flux.range(0, size)
                // Delay the error so every connect finishes: a cancelled connect would leak the connection Lettuce
                // completes later, and close() must see every connection that was opened.
                .flatMapDelayError(i -> connect, size, 1)
                .doOnNext(all::add)
                .then(Mono.fromRunnable(() -> all.forEach(queue::add)))
                .onErrorResume(error -> close().then(Mono.error(error)))
                .thenReturn(this);
    }

    @Override
    public <T> Mono<T> withCommands(Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        return Mono.usingWhen(queue.borrow(),
                connection -> action.apply(LettuceConnector.reactive(connection)),
                this::giveBack);
    }

    @Override
    public <T> Flux<T> withCommandsMany(Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        return Flux.usingWhen(queue.borrow(),
                connection -> action.apply(LettuceConnector.reactive(connection)),
                this::giveBack);
    }

    private Mono<Void> giveBack(StatefulConnection<String, String> connection) {
        return Mono.fromRunnable(() -> queue.giveBack(connection));
    }

    @Override
    public Mono<Void> close() {
        // Close the queue first: waiting borrowers fail at once instead of receiving a connection being closed.
        return Mono.fromRunnable(queue::close)
                .thenMany(Flux.fromIterable(all))
                .flatMap(connection -> Mono.fromCompletionStage(connection::closeAsync), size)
                .then();
    }
}
