package io.symphony.redis.connection.internal;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One physical (server, DB) target shared by the aliases that point at it; {@code alias} is the one the caller asked
 * for, named in the errors.
 *
 * <p>{@link ConnectionManager} calls {@code withCommands}/{@code withCommandsMany} once per subscription, from
 * inside its own {@code defer}, and subscribes the result at once: a target may choose its connection and apply the
 * action right away, without deferring again.
 */
interface ConnectionTarget {

    <T> Mono<T> withCommands(String alias, Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action);

    <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action);

    Mono<Void> close();
}
