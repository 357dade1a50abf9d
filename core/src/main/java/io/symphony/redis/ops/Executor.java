package io.symphony.redis.ops;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.connection.RedisConnections;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Run one command on the connection of an alias and translate its failures; shared by every ops class. */
final class Executor {

    private final RedisConnections connections;

    Executor(RedisConnections connections) {
        this.connections = Args.notNull(connections, "connections");
    }

    <T> Mono<T> mono(String command, @Nullable String key, String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        return connections.withCommands(Args.alias(alias), action)
                .onErrorMap(CommandErrors.translate(command, key, alias));
    }

    <T> Flux<T> flux(String command, @Nullable String key, String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        return connections.withCommandsMany(Args.alias(alias), action)
                .onErrorMap(CommandErrors.translate(command, key, alias));
    }
}
