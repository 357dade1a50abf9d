package io.symphony.redis.connection.internal;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.config.internal.PoolEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * N multiplexed connections to one (server, DB), each used by every caller at once; each publisher takes the next
 * one in turn. Lettuce pins a connection to one Netty event loop, so one connection keeps its reads, writes and
 * reply decoding on one thread; several spread that work over the event loops.
 */
final class RoundRobinSharedTarget implements ConnectionTarget {

    private final List<SharedTarget> connections;
    private final AtomicInteger next = new AtomicInteger();

    private RoundRobinSharedTarget(List<SharedTarget> connections) {
        this.connections = List.copyOf(connections);
    }

    /**
     * Open {@code count} connections to {@code endpoint}, one after the other; if one fails, the ones opened are
     * closed and the error is passed on.
     */
    static Mono<ConnectionTarget> open(LettuceConnector connector, PoolEndpoint endpoint, int count) {
        return Mono.defer(() -> {
            List<SharedTarget> opened = Collections.synchronizedList(new ArrayList<>(count));
            return Flux.range(0, count)
                    .concatMap(i -> connector.connect(endpoint).map(SharedTarget::new).doOnNext(opened::add))
                    .then(Mono.fromSupplier(() -> (ConnectionTarget) new RoundRobinSharedTarget(opened)))
                    .onErrorResume(error -> closeAll(opened).then(Mono.error(error)));
        });
    }

    private SharedTarget pick() {
        return connections.get(Math.floorMod(next.getAndIncrement(), connections.size()));
    }

    @Override
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        return Mono.defer(() -> pick().withCommands(alias, action));
    }

    @Override
    public <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        return Flux.defer(() -> pick().withCommandsMany(alias, action));
    }

    @Override
    public Mono<Void> close() {
        return closeAll(connections);
    }

    private static Mono<Void> closeAll(List<SharedTarget> targets) {
        return Flux.fromIterable(List.copyOf(targets)).flatMap(SharedTarget::close, 4).then();
    }
}
