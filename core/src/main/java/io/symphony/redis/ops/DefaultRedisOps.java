package io.symphony.redis.ops;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.SetArgs;
import io.symphony.redis.connection.RedisConnections;
import io.symphony.redis.ops.internal.Executor;
import io.symphony.redis.ops.internal.HashOps;
import io.symphony.redis.ops.internal.KeyOps;
import io.symphony.redis.ops.internal.ListOps;
import io.symphony.redis.ops.internal.ScriptOps;
import io.symphony.redis.ops.internal.ServerOps;
import io.symphony.redis.ops.internal.SetOps;
import io.symphony.redis.ops.internal.SortedSetOps;
import io.symphony.redis.ops.internal.StringOps;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations bound to one alias: a facade of one-liners over one implementation per capability, all sharing
 * the alias's {@link Executor}. Every alias's instance is built up front and kept in a map shared by all of them, so
 * {@link #onPool(String)} is a lookup.
 */
final class DefaultRedisOps implements RedisOps {

    private final String alias;
    private final Map<String, RedisOps> byAlias;
    private final RedisConnections connections;
    private final StringOperations strings;
    private final KeyOperations keys;
    private final HashOperations hashes;
    private final ListOperations lists;
    private final SetOperations sets;
    private final SortedSetOperations sortedSets;
    private final ScriptOperations scripts;
    private final ServerOperations server;

    private DefaultRedisOps(RedisConnections connections, String alias, Map<String, RedisOps> byAlias) {
        Executor executor = new Executor(connections, alias);
        this.alias = alias;
        this.byAlias = byAlias;
        this.connections = connections;
        this.strings = new StringOps(executor);
        this.keys = new KeyOps(executor);
        this.hashes = new HashOps(executor);
        this.lists = new ListOps(executor);
        this.sets = new SetOps(executor);
        this.sortedSets = new SortedSetOps(executor);
        this.scripts = new ScriptOps(executor);
        this.server = new ServerOps(executor);
    }

    /**
     * Bind one instance per known alias and return the {@value RedisOps#DEFAULT_ALIAS} one. Without such an alias
     * the root is still bound to it, and its commands fail at call time like any unknown alias.
     */
    static RedisOps create(RedisConnections connections) {
        Objects.requireNonNull(connections, "connections");
        // A concurrent map, so that instances published to other threads see every entry put before.
        Map<String, RedisOps> byAlias = new ConcurrentHashMap<>();
        for (String alias : connections.aliases()) {
            byAlias.put(alias, new DefaultRedisOps(connections, alias, byAlias));
        }
        RedisOps root = byAlias.get(DEFAULT_ALIAS);
        return root != null ? root : new DefaultRedisOps(connections, DEFAULT_ALIAS, byAlias);
    }

    @Override
    public RedisOps onPool(String alias) {
        RedisOps bound = byAlias.get(Objects.requireNonNull(alias, "alias"));
        if (bound == null) {
            throw new IllegalArgumentException("Unknown Redis pool alias '" + alias + "'; known aliases: "
                    + connections.aliases());
        }
        return bound;
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public String toString() {
        return "RedisOps[alias=" + alias + "]";
    }

    @Override
    public Mono<Boolean> set(String key, String value) {
        return strings.set(key, value);
    }

    @Override
    public Mono<Boolean> set(String key, String value, Duration ttl) {
        return strings.set(key, value, ttl);
    }

    @Override
    public Mono<Boolean> set(String key, String value, SetArgs options) {
        return strings.set(key, value, options);
    }

    @Override
    public Mono<Boolean> setex(String key, Duration ttl, String value) {
        return strings.setex(key, ttl, value);
    }

    @Override
    public Mono<String> get(String key) {
        return strings.get(key);
    }

    @Override
    public Mono<String> getdel(String key) {
        return strings.getdel(key);
    }

    @Override
    public Mono<Long> exists(Collection<String> keys) {
        return this.keys.exists(keys);
    }

    @Override
    public Mono<Long> delete(Collection<String> keys) {
        return this.keys.delete(keys);
    }

    @Override
    public Mono<Boolean> expire(String key, Duration ttl) {
        return keys.expire(key, ttl);
    }

    @Override
    public Mono<Long> getTtl(String key) {
        return keys.getTtl(key);
    }

    @Override
    public Flux<String> scanKeys(String pattern) {
        return keys.scanKeys(pattern);
    }

    @Override
    public Flux<String> scanKeys(String pattern, long count) {
        return keys.scanKeys(pattern, count);
    }

    @Override
    public Mono<Boolean> hset(String key, String field, String value) {
        return hashes.hset(key, field, value);
    }

    @Override
    public Mono<Long> hset(String key, Map<String, String> fields) {
        return hashes.hset(key, fields);
    }

    @Override
    public Mono<Boolean> hsetnx(String key, String field, String value) {
        return hashes.hsetnx(key, field, value);
    }

    @Override
    public Mono<String> hget(String key, String field) {
        return hashes.hget(key, field);
    }

    @Override
    public Mono<Map<String, String>> hgetall(String key) {
        return hashes.hgetall(key);
    }

    @Override
    public Mono<Boolean> hexists(String key, String field) {
        return hashes.hexists(key, field);
    }

    @Override
    public Mono<Long> hdel(String key, Collection<String> fields) {
        return hashes.hdel(key, fields);
    }

    @Override
    public Mono<Long> hincrby(String key, String field, long amount) {
        return hashes.hincrby(key, field, amount);
    }

    @Override
    public Mono<Double> hincrbyfloat(String key, String field, double amount) {
        return hashes.hincrbyfloat(key, field, amount);
    }

    @Override
    public Mono<Long> hsetWithExpire(String key, Map<String, String> fields, Duration ttl) {
        return hashes.hsetWithExpire(key, fields, ttl);
    }

    @Override
    public Mono<Long> hincrbyWithExpire(String key, String field, long amount, Duration ttl) {
        return hashes.hincrbyWithExpire(key, field, amount, ttl);
    }

    @Override
    public Mono<Long> rpush(String key, Collection<String> values) {
        return lists.rpush(key, values);
    }

    @Override
    public Mono<String> lpop(String key) {
        return lists.lpop(key);
    }

    @Override
    public Flux<String> lpop(String key, long count) {
        return lists.lpop(key, count);
    }

    @Override
    public Flux<String> lrange(String key, long start, long stop) {
        return lists.lrange(key, start, stop);
    }

    @Override
    public Mono<Void> ltrim(String key, long start, long stop) {
        return lists.ltrim(key, start, stop);
    }

    @Override
    public Mono<Long> llen(String key) {
        return lists.llen(key);
    }

    @Override
    public Mono<String> lmove(String source, String destination, LMoveArgs direction) {
        return lists.lmove(source, destination, direction);
    }

    @Override
    public Mono<PushAndAddResult> rpushAndSadd(String listKey, Collection<String> values, String setKey,
            Collection<String> members) {
        return lists.rpushAndSadd(listKey, values, setKey, members);
    }

    @Override
    public Mono<Long> sadd(String key, Collection<String> members) {
        return sets.sadd(key, members);
    }

    @Override
    public Flux<String> smembers(String key) {
        return sets.smembers(key);
    }

    @Override
    public Mono<Long> srem(String key, Collection<String> members) {
        return sets.srem(key, members);
    }

    @Override
    public Mono<Boolean> sismember(String key, String member) {
        return sets.sismember(key, member);
    }

    @Override
    public Mono<Long> zadd(String key, double score, String member) {
        return sortedSets.zadd(key, score, member);
    }

    @Override
    public Mono<Long> zadd(String key, Map<String, Double> scoredMembers) {
        return sortedSets.zadd(key, scoredMembers);
    }

    @Override
    public Flux<String> zrangebyscore(String key, double min, double max) {
        return sortedSets.zrangebyscore(key, min, max);
    }

    @Override
    public Flux<String> zrangebyscore(String key, double min, double max, long offset, long count) {
        return sortedSets.zrangebyscore(key, min, max, offset, count);
    }

    @Override
    public Mono<Long> zrem(String key, Collection<String> members) {
        return sortedSets.zrem(key, members);
    }

    @Override
    public Mono<Double> zscore(String key, String member) {
        return sortedSets.zscore(key, member);
    }

    @Override
    public <T> Mono<T> eval(RedisScript<T> script, List<String> keys, List<String> args) {
        return scripts.eval(script, keys, args);
    }

    @Override
    public Mono<String> ping() {
        return server.ping();
    }

    @Override
    public Mono<Long> publish(String channel, String message) {
        return server.publish(channel, message);
    }

    @Override
    public Mono<Map<String, String>> configGet(String parameter) {
        return server.configGet(parameter);
    }

    @Override
    public Mono<Void> configSet(String parameter, String value) {
        return server.configSet(parameter, value);
    }
}
