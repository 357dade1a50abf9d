package io.symphony.redis.connection;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive access to the Redis connection behind each pool alias.
 *
 * <p>The commands handed to the callback are Lettuce's cluster-capable reactive interface, so the same code runs
 * on a standalone server, behind Sentinel, or on a Redis Cluster. With the shared strategy (the default) the
 * callback receives the one multiplexed connection of the alias's (server, DB); with the pooled strategy a
 * connection is borrowed for the duration of the returned publisher and given back on complete, error or cancel.
 *
 * <p>Both methods are lazy: nothing is borrowed and no command is sent until the result is subscribed. Errors are
 * passed through untouched; translating them into {@link io.symphony.redis.RedisCommandException} is the ops
 * layer's job. An unknown alias throws {@link IllegalArgumentException} at call time.
 *
 * @since 0.1
 */
public interface RedisConnections {

    /**
     * Run a single-valued Redis interaction on the connection of {@code alias}.
     *
     * @param alias the pool alias, for example {@code "user"}
     * @param action builds the commands to run; called once per subscription
     * @return the action's result; empty when the action is empty
     * @throws IllegalArgumentException if the alias is unknown (names it and lists the known aliases)
     */
    <T> Mono<T> withCommands(String alias, Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action);

    /**
     * Run a multi-valued Redis interaction on the connection of {@code alias}.
     *
     * @param alias the pool alias
     * @param action builds the commands to run; called once per subscription
     * @return the action's elements
     * @throws IllegalArgumentException if the alias is unknown
     */
    <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action);

    /**
     * Describe the pool behind {@code alias}: its DB and the redacted endpoint it points to.
     *
     * @throws IllegalArgumentException if the alias is unknown
     */
    PoolAlias alias(String alias);

    /** The configured aliases, in configuration order. */
    Set<String> aliases();

    /**
     * Whether any alias points at a Redis Cluster (a {@code redis-cluster://} URL). Such aliases use DB 0, and the
     * commands handed to their callbacks are Lettuce's {@code RedisAdvancedClusterReactiveCommands}, which route
     * each command by its key's slot and split {@code DEL}/{@code EXISTS}/{@code MGET}/{@code UNLINK} per slot.
     */
    boolean cluster();
}
