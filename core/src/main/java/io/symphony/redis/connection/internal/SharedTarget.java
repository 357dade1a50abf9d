package io.symphony.redis.connection.internal;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.connection.internal.QuietClose;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One multiplexed connection, used by every caller at once; Lettuce reconnects it by itself. */
final class SharedTarget implements ConnectionTarget {

    private final StatefulConnection<String, String> connection;
    private final RedisClusterReactiveCommands<String, String> commands;

    SharedTarget(StatefulConnection<String, String> connection) {
        this.connection = connection;
        this.commands = LettuceConnector.reactive(connection);
    }

    @Override
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        return action.apply(commands);
    }

    @Override
    public <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        return action.apply(commands);
    }

    @Override
    public Mono<Void> close() {
        return QuietClose.close(connection);
    }
}
