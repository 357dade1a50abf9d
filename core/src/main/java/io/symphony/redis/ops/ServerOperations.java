package io.symphony.redis.ops;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Connection and server commands. On Redis Cluster these run on the one node Lettuce picks for keyless commands:
 * {@code PUBLISH} still reaches every node's subscribers (the cluster bus forwards it), but {@code CONFIG GET} and
 * {@code CONFIG SET} read and change that node only. Every method runs on the connection of the pool alias these
 * operations are bound to (see {@link RedisOps#onPool(String)}). Null arguments throw {@link NullPointerException}
 * at call time; Redis failures arrive as {@code onError} with {@link io.symphony.redis.RedisCommandException}.
 *
 * @since 0.1
 */
public interface ServerOperations {

    /**
     * Check the connection with {@code PING}.
     *
     * @return emits {@code PONG}
     */
    Mono<String> ping();

    /**
     * Publish a message with {@code PUBLISH}; Redis does not store it.
     *
     * @return emits how many subscribers received it (on Cluster: subscribers on the node that ran it)
     */
    Mono<Long> publish(String channel, String message);

    /**
     * Read configuration with {@code CONFIG GET parameter} ({@code parameter} may be a glob).
     *
     * @return emits the matching parameters and values, an empty map when none match; a server with
     *         {@code CONFIG} disabled (many managed services) signals {@link io.symphony.redis.RedisCommandException}
     */
    Mono<Map<String, String>> configGet(String parameter);

    /**
     * Change configuration with {@code CONFIG SET parameter value}.
     *
     * @return completes empty once applied; an unknown parameter, an invalid value or a server with
     *         {@code CONFIG} disabled signals {@link io.symphony.redis.RedisCommandException}
     */
    Mono<Void> configSet(String parameter, String value);
}
