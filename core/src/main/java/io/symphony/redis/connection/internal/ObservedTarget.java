package io.symphony.redis.connection.internal;

import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.internal.ConfigAccess;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.lettuce.core.RedisURI;
import io.symphony.redis.connection.PoolUsage;
import io.symphony.redis.connection.RedisTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A distinct (server, DB) target as its observer sees it, with the keys Lettuce's connection events name it by (the
 * URI of a connection, without credentials and query).
 */
final class ObservedTarget implements RedisTarget {

    private final String server;
    private final int db;
    private final List<String> aliases;
    private final ConnectionStrategy strategy;
    private final boolean cluster;
    private final List<String> eventKeys;
    private volatile @Nullable PoolUsage pool;

    private ObservedTarget(PoolEndpoint endpoint, List<String> aliases, ConnectionStrategy strategy) {
        this.server = server(endpoint.redactedUrl());
        this.db = endpoint.db();
        this.aliases = List.copyOf(aliases);
        this.strategy = strategy;
        this.cluster = endpoint.cluster();
        List<String> keys = new ArrayList<>();
        for (RedisURI uri : endpoint.uris()) {
            keys.add(eventKey(uri.toString()));
        }
        this.eventKeys = List.copyOf(keys);
    }

    /** One target per distinct endpoint identity of {@code config}, keyed by that identity, in configuration order. */
    static Map<String, ObservedTarget> of(SymphonyRedisConfig config) {
        Map<String, PoolEndpoint> first = new LinkedHashMap<>();
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (PoolEndpoint endpoint : ConfigAccess.pools(config)) {
            first.putIfAbsent(endpoint.targetIdentity(), endpoint);
            aliases.computeIfAbsent(endpoint.targetIdentity(), identity -> new ArrayList<>()).add(endpoint.alias());
        }
        Map<String, ObservedTarget> targets = new LinkedHashMap<>();
        first.forEach((identity, endpoint) -> targets.put(identity,
                new ObservedTarget(endpoint, aliases.getOrDefault(identity, List.of()),
                        config.connectionStrategy())));
        return targets;
    }

    /**
     * The key of a connection's URI as Lettuce's events report it ({@code RedisURI.toString()}, which masks the
     * password): without user info and query, so the connect-time copy of a URI (another timeout) keeps its key.
     */
    static String eventKey(String redisUri) {
        int query = redisUri.indexOf('?');
        String key = query < 0 ? redisUri : redisUri.substring(0, query);
        int scheme = key.indexOf("://");
        int at = key.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            key = key.substring(0, scheme + 3) + key.substring(at + 1);
        }
        return key;
    }

    /** The configured URL, already redacted, without user info, DB path and query. */
    static String server(String redactedUrl) {
        String key = eventKey(redactedUrl);
        int scheme = key.indexOf("://");
        int path = key.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return path < 0 ? key : key.substring(0, path);
    }

    boolean answersTo(String eventKey) {
        return eventKeys.contains(eventKey);
    }

    boolean cluster() {
        return cluster;
    }

    void pool(PoolUsage usage) {
        this.pool = usage;
    }

    @Override
    public String server() {
        return server;
    }

    @Override
    public int db() {
        return db;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public ConnectionStrategy strategy() {
        return strategy;
    }

    @Override
    public Optional<PoolUsage> pool() {
        return Optional.ofNullable(pool);
    }

    @Override
    public String toString() {
        return "RedisTarget[" + server + " db " + db + " " + aliases + "]";
    }
}
