package io.symphony.redis.ops.internal;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.connection.RedisConnections;
import io.symphony.redis.connection.internal.ConnectionManager;
import io.symphony.redis.connection.internal.ErrorMappingMono;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Run one command on the connection of one pool alias and translate its failures; shared by the operations bound
 * to that alias. Immutable and thread-safe.
 */
public final class Executor {

    private final RedisConnections connections;
    private final String alias;

    /**
     * Bind the commands to {@code alias}; the alias is checked by the connections on every call.
     *
     * @throws NullPointerException if an argument is {@code null}
     */
    public Executor(RedisConnections connections, String alias) {
        this.connections = Args.notNull(connections, "connections");
        this.alias = Args.notNull(alias, "alias");
    }

    <T> Mono<T> mono(String command, @Nullable String key,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        Function<Throwable, Throwable> translate = CommandErrors.translate(command, key, alias);
        return connections instanceof ConnectionManager manager
                ? manager.withCommands(alias, action, translate)
                : ErrorMappingMono.map(connections.withCommands(alias, action), translate);
    }

    <T> Flux<T> flux(String command, @Nullable String key,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        return connections.withCommandsMany(alias, action).onErrorMap(CommandErrors.translate(command, key, alias));
    }
}
