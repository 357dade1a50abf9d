package io.symphony.redis.ops;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.SetArgs;
import io.symphony.redis.connection.RedisConnections;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every low-level Redis operation of the toolkit, each returning a cold {@link Mono} or {@link Flux}, each with an
 * optional pool alias ({@value #DEFAULT_ALIAS} when omitted).
 *
 * <p>This class is a facade of one-liners: the contracts are documented on the capability interfaces it
 * implements ({@link StringOperations}, {@link KeyOperations}, {@link HashOperations}, {@link ListOperations},
 * {@link SetOperations}, {@link SortedSetOperations}, {@link ScriptOperations}, {@link ServerOperations}), and
 * callers that need only one capability can depend on that interface. Common rules (lazy publishers, eager
 * argument checks, empty for absence, every Redis failure as {@link io.symphony.redis.RedisCommandException},
 * combined operations as Lua scripts) are in the {@linkplain io.symphony.redis.ops package documentation}.
 *
 * <p>Instances are immutable and thread-safe; commands run through {@link RedisConnections}, so the same code
 * works on standalone Redis, Sentinel and Redis Cluster.
 *
 * @since 0.1
 */
public final class RedisOps implements StringOperations, KeyOperations, HashOperations, ListOperations,
        SetOperations, SortedSetOperations, ScriptOperations, ServerOperations {

    /** The alias used by every overload without an alias parameter. */
    public static final String DEFAULT_ALIAS = "default";

    private final StringOps strings;
    private final KeyOps keys;
    private final HashOps hashes;
    private final ListOps lists;
    private final SetOps sets;
    private final SortedSetOps sortedSets;
    private final ScriptOps scripts;
    private final AtomicOps atomics;
    private final ServerOps server;

    /**
     * Create the operations over {@code connections}; nothing is connected until a publisher is subscribed.
     *
     * @throws NullPointerException if {@code connections} is {@code null}
     */
    public RedisOps(RedisConnections connections) {
        Executor executor = new Executor(connections);
        this.strings = new StringOps(executor);
        this.keys = new KeyOps(executor);
        this.hashes = new HashOps(executor);
        this.lists = new ListOps(executor);
        this.sets = new SetOps(executor);
        this.sortedSets = new SortedSetOps(executor);
        this.scripts = new ScriptOps(executor);
        this.atomics = new AtomicOps(scripts);
        this.server = new ServerOps(executor);
    }

    @Override
    public Mono<Boolean> set(String key, String value, String alias) {
        return strings.set(key, value, alias);
    }

    @Override
    public Mono<Boolean> set(String key, String value, Duration ttl, String alias) {
        return strings.set(key, value, ttl, alias);
    }

    @Override
    public Mono<Boolean> set(String key, String value, SetArgs options, String alias) {
        return strings.set(key, value, options, alias);
    }

    @Override
    public Mono<Boolean> setex(String key, Duration ttl, String value, String alias) {
        return strings.setex(key, ttl, value, alias);
    }

    @Override
    public Mono<String> get(String key, String alias) {
        return strings.get(key, alias);
    }

    @Override
    public Mono<String> getdel(String key, String alias) {
        return strings.getdel(key, alias);
    }

    @Override
    public Mono<Long> exists(Collection<String> keys, String alias) {
        return this.keys.exists(keys, alias);
    }

    @Override
    public Mono<Long> delete(Collection<String> keys, String alias) {
        return this.keys.delete(keys, alias);
    }

    @Override
    public Mono<Boolean> expire(String key, Duration ttl, String alias) {
        return keys.expire(key, ttl, alias);
    }

    @Override
    public Mono<Long> getTtl(String key, String alias) {
        return keys.getTtl(key, alias);
    }

    @Override
    public Flux<String> scanKeys(String pattern, String alias) {
        return keys.scanKeys(pattern, alias);
    }

    @Override
    public Flux<String> scanKeys(String pattern, long count, String alias) {
        return keys.scanKeys(pattern, count, alias);
    }

    @Override
    public Mono<Boolean> hset(String key, String field, String value, String alias) {
        return hashes.hset(key, field, value, alias);
    }

    @Override
    public Mono<Long> hset(String key, Map<String, String> fields, String alias) {
        return hashes.hset(key, fields, alias);
    }

    @Override
    public Mono<Boolean> hsetnx(String key, String field, String value, String alias) {
        return hashes.hsetnx(key, field, value, alias);
    }

    @Override
    public Mono<String> hget(String key, String field, String alias) {
        return hashes.hget(key, field, alias);
    }

    @Override
    public Mono<Map<String, String>> hgetall(String key, String alias) {
        return hashes.hgetall(key, alias);
    }

    @Override
    public Mono<Boolean> hexists(String key, String field, String alias) {
        return hashes.hexists(key, field, alias);
    }

    @Override
    public Mono<Long> hdel(String key, Collection<String> fields, String alias) {
        return hashes.hdel(key, fields, alias);
    }

    @Override
    public Mono<Long> hincrby(String key, String field, long amount, String alias) {
        return hashes.hincrby(key, field, amount, alias);
    }

    @Override
    public Mono<Double> hincrbyfloat(String key, String field, double amount, String alias) {
        return hashes.hincrbyfloat(key, field, amount, alias);
    }

    @Override
    public Mono<Long> hsetWithExpire(String key, Map<String, String> fields, Duration ttl, String alias) {
        return atomics.hsetWithExpire(key, fields, ttl, alias);
    }

    @Override
    public Mono<Long> hincrbyWithExpire(String key, String field, long amount, Duration ttl, String alias) {
        return atomics.hincrbyWithExpire(key, field, amount, ttl, alias);
    }

    @Override
    public Mono<Long> rpush(String key, Collection<String> values, String alias) {
        return lists.rpush(key, values, alias);
    }

    @Override
    public Mono<String> lpop(String key, String alias) {
        return lists.lpop(key, alias);
    }

    @Override
    public Flux<String> lpop(String key, long count, String alias) {
        return lists.lpop(key, count, alias);
    }

    @Override
    public Flux<String> lrange(String key, long start, long stop, String alias) {
        return lists.lrange(key, start, stop, alias);
    }

    @Override
    public Mono<Void> ltrim(String key, long start, long stop, String alias) {
        return lists.ltrim(key, start, stop, alias);
    }

    @Override
    public Mono<Long> llen(String key, String alias) {
        return lists.llen(key, alias);
    }

    @Override
    public Mono<String> lmove(String source, String destination, LMoveArgs direction, String alias) {
        return lists.lmove(source, destination, direction, alias);
    }

    @Override
    public Mono<PushAndAddResult> rpushAndSadd(String listKey, Collection<String> values, String setKey,
            Collection<String> members, String alias) {
        return atomics.rpushAndSadd(listKey, values, setKey, members, alias);
    }

    @Override
    public Mono<Long> sadd(String key, Collection<String> members, String alias) {
        return sets.sadd(key, members, alias);
    }

    @Override
    public Flux<String> smembers(String key, String alias) {
        return sets.smembers(key, alias);
    }

    @Override
    public Mono<Long> srem(String key, Collection<String> members, String alias) {
        return sets.srem(key, members, alias);
    }

    @Override
    public Mono<Boolean> sismember(String key, String member, String alias) {
        return sets.sismember(key, member, alias);
    }

    @Override
    public Mono<Long> zadd(String key, double score, String member, String alias) {
        return sortedSets.zadd(key, score, member, alias);
    }

    @Override
    public Mono<Long> zadd(String key, Map<String, Double> scoredMembers, String alias) {
        return sortedSets.zadd(key, scoredMembers, alias);
    }

    @Override
    public Flux<String> zrangebyscore(String key, double min, double max, String alias) {
        return sortedSets.zrangebyscore(key, min, max, alias);
    }

    @Override
    public Flux<String> zrangebyscore(String key, double min, double max, long offset, long count, String alias) {
        return sortedSets.zrangebyscore(key, min, max, offset, count, alias);
    }

    @Override
    public Mono<Long> zrem(String key, Collection<String> members, String alias) {
        return sortedSets.zrem(key, members, alias);
    }

    @Override
    public Mono<Double> zscore(String key, String member, String alias) {
        return sortedSets.zscore(key, member, alias);
    }

    @Override
    public <T> Mono<T> eval(RedisScript<T> script, List<String> keys, List<String> args, String alias) {
        return scripts.eval(script, keys, args, alias);
    }

    @Override
    public Mono<String> ping(String alias) {
        return server.ping(alias);
    }

    @Override
    public Mono<Long> publish(String channel, String message, String alias) {
        return server.publish(channel, message, alias);
    }

    @Override
    public Mono<Map<String, String>> configGet(String parameter, String alias) {
        return server.configGet(parameter, alias);
    }

    @Override
    public Mono<Void> configSet(String parameter, String value, String alias) {
        return server.configSet(parameter, value, alias);
    }
}
