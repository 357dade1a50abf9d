package io.symphony.redis.ops;

import io.symphony.redis.connection.RedisConnections;

/**
 * Every low-level Redis operation of the toolkit, each returning a cold {@link reactor.core.publisher.Mono} or
 * {@link reactor.core.publisher.Flux}, bound to one pool alias.
 *
 * <p>An instance runs every command on the connection of {@link #alias()}; {@link #onPool(String)} returns the
 * instance bound to another alias, the same way the repositories' {@code onPool} does:
 *
 * <pre>{@code
 * RedisOps ops = runtime.ops();                     // bound to "default"
 * ops.set("acme:config", "{}");                     // SET on the default pool
 * ops.onPool("user").hget("acme:user:u1", "name");  // HGET on the user pool
 * }</pre>
 *
 * <p>The contracts are documented on the capability interfaces this one composes ({@link StringOperations},
 * {@link KeyOperations}, {@link HashOperations}, {@link ListOperations}, {@link SetOperations},
 * {@link SortedSetOperations}, {@link ScriptOperations}, {@link ServerOperations}); callers that need only one
 * capability can depend on that interface. Common rules (lazy publishers, eager argument checks, empty for absence,
 * every Redis failure as {@link io.symphony.redis.RedisCommandException}, combined operations as Lua scripts) are
 * in the {@linkplain io.symphony.redis.ops package documentation}.
 *
 * <p>Instances are immutable and thread-safe. They are created once per alias when the root instance is created,
 * so {@code onPool} is a map lookup that allocates nothing: calling it per command is as cheap as keeping its
 * result. Commands run through {@link RedisConnections}, so the same code works on standalone Redis, Sentinel and
 * Redis Cluster.
 *
 * <p>This interface is implemented by the toolkit only; later versions may add methods to it and to its
 * capability interfaces.
 *
 * @since 0.1
 */
public interface RedisOps extends StringOperations, KeyOperations, HashOperations, ListOperations, SetOperations,
        SortedSetOperations, ScriptOperations, ServerOperations {

    /** The alias the root operations ({@link #create(RedisConnections)}, {@code runtime.ops()}) are bound to. */
    String DEFAULT_ALIAS = "default";

    /**
     * Create the operations over {@code connections}, bound to {@value #DEFAULT_ALIAS}, with one bound instance
     * per alias of {@code connections} ready for {@link #onPool(String)}. Nothing is connected until a publisher
     * is subscribed.
     *
     * @throws NullPointerException if {@code connections} is {@code null}
     */
    static RedisOps create(RedisConnections connections) {
        return DefaultRedisOps.create(connections);
    }

    /**
     * Return the operations bound to the pool {@code alias}: every command they run uses that alias's connection
     * (and so its server and DB), and failures name that alias. Bound instances are shared: the same alias
     * always returns the same instance, and {@code onPool} can be called on any of them.
     *
     * @throws NullPointerException if {@code alias} is {@code null}
     * @throws IllegalArgumentException if no pool has that alias; the message names it and lists the known aliases
     */
    RedisOps onPool(String alias);

    /** The pool alias every command of this instance runs on. */
    String alias();
}
