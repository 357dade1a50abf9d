package io.symphony.redis.config;

import io.symphony.redis.config.internal.TlsSettings;
import io.symphony.redis.config.internal.RedisUrlParser;
import io.symphony.redis.config.internal.UrlRedactor;
import io.symphony.redis.config.internal.ConfigAccess;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.connection.ConnectionObserver;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable configuration of the toolkit: where each pool alias points, how connections are shared, timeouts,
 * keyspace-event bootstrap and the worker pools of the runtime.
 *
 * <p>Two ways to say where Redis is, as in the original, and both may be combined:
 * <ul>
 *   <li>{@link Builder#url(String) one URL}: every alias gets its own DB on that server from
 *   {@link PoolAliases#DEFAULT_DATABASES} (plus custom aliases added with {@link Builder#alias(String, int)}); a DB
 *   in the URL is ignored with a warning. {@code redis://}, {@code rediss://} (TLS), {@code redis-sentinel://}
 *   and {@code redis-cluster://h1:p1,h2:p2} (Redis Cluster: every alias uses DB 0, isolation rests on the keys).
 *   The query may set what Lettuce's {@code RedisURI} reads: {@code timeout} (the command timeout, e.g.
 *   {@code ?timeout=5s}), {@code database}/{@code db}, {@code clientName}, {@code libraryName},
 *   {@code libraryVersion}, {@code verifyPeer} ({@code NONE}, {@code CA}, {@code FULL}) and
 *   {@code sentinelMasterId}. {@link Builder#build()} rejects any other parameter, an invalid value
 *   ({@code ?timeout=banana}), a port outside 1-65535 and a DB path that is not a number, naming the part.</li>
 *   <li>{@link Builder#aliasUrl(String, String) one URL per alias}, used verbatim (DB from the URL, else 0). The
 *   map need not list all six aliases: missing ones fall back to the single URL; without one, {@link
 *   Builder#build()} fails naming the missing aliases.</li>
 * </ul>
 *
 * <p><b>Sentinel.</b> {@code redis-sentinel://[password@]h1:p1,h2:p2,h3:p3[/db]#masterName} lists the sentinels
 * and names the monitored master. Every connection asks the sentinels for the current primary when it connects and
 * again on every reconnect, and each alias selects its own DB there as on a standalone server; so after a failover
 * the connections to the dead primary reconnect to the promoted replica (the reconnect backoff, capped at
 * {@link #reconnectDelayMax()}, 1 s by default, decides how soon after the promotion). Writes acknowledged by a
 * primary shortly before it died may be lost: Redis replicates asynchronously.
 *
 * <p><b>TLS.</b> A {@code rediss://} URL switches TLS on; {@link TlsOptions} name the CA, the client certificate
 * for mutual TLS and the verify mode, for every alias ({@link Builder#tls(TlsOptions)}) or one
 * ({@link Builder#aliasTls(String, TlsOptions)}). A URL may also carry them as query options:
 * {@code rediss://h:6380?tlsCaFile=/etc/tls/ca.crt&tlsCertFile=/etc/tls/client.crt&tlsKeyFile=/etc/tls/client.key
 * &verifyPeer=CA} (PEM files, an unencrypted key; they count as that URL's own options and beat {@code tls(...)}).
 *
 * <p>Passwords never appear in {@link #toString()}, in logs or in exception messages.
 *
 * @since 0.1
 */
public final class SymphonyRedisConfig {

    /** Default command timeout: 10 s. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Default connect timeout: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Default longest wait between two reconnect attempts: 1 s. Lettuce's own cap is 30 s, which after a failover
     * (Sentinel or Cluster) can keep a client away from the promoted primary for up to 30 s after it took over. On
     * Cluster each failed reconnect to the dead primary also triggers a topology reload, so this cap bounds how long
     * after the promotion commands are still routed to the dead node.
     */
    public static final Duration DEFAULT_RECONNECT_DELAY_MAX = Duration.ofSeconds(1);
    /** Default client name shown by {@code CLIENT LIST}. */
    public static final String DEFAULT_CLIENT_NAME = "symphony-redis";
    /** Default keyspace-event flags ensured at start-up: expired events ({@code Ex}), as the original. */
    public static final String DEFAULT_KEYSPACE_EVENT_FLAGS = "Ex";
    /**
     * Default connection strategy: {@link ConnectionStrategy#SHARED_ROUND_ROBIN} with
     * {@link #DEFAULT_SHARED_CONNECTIONS} connections per (server, DB). Measured against one shared connection on 2
     * cores (JMH, README "Benchmarks"): about twice the throughput at 256 in flight, within noise at 1 and 16.
     */
    public static final ConnectionStrategy DEFAULT_CONNECTION_STRATEGY = ConnectionStrategy.SHARED_ROUND_ROBIN;
    /**
     * Default number of multiplexed connections per (server, DB) with {@link ConnectionStrategy#SHARED_ROUND_ROBIN}:
     * 2, the number of I/O threads Lettuce's default client resources start on a 2-core machine (at least 2 on any).
     */
    public static final int DEFAULT_SHARED_CONNECTIONS = 2;
    /** Default size of the {@link ConnectionStrategy#POOLED} pool per (server, DB). */
    public static final int DEFAULT_POOL_SIZE = 8;
    /**
     * Default longest wait of a {@link ConnectionStrategy#POOLED} borrower for a free connection: 10 s, the default
     * command timeout, so a starved pool fails a caller no later than a slow command would.
     */
    public static final Duration DEFAULT_POOL_ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Default number of {@link ConnectionStrategy#POOLED} borrowers that may wait per (server, DB): 1000. Bounded, so
     * that a stalled server turns excess load into immediate errors instead of a queue that grows without limit.
     */
    public static final int DEFAULT_POOL_MAX_PENDING_ACQUIRES = 1000;
    /**
     * Default of {@link #rejectCommandsWhileDisconnected()}: {@code false}, commands issued while a connection is
     * re-connecting are queued and sent once it is back.
     */
    public static final boolean DEFAULT_REJECT_COMMANDS_WHILE_DISCONNECTED = false;
    /** Default number of tool worker threads (the original's {@code workers_tool}). */
    public static final int DEFAULT_WORKERS_TOOL = 32;
    /** Default number of agent worker threads (the original's {@code workers_agent}). */
    public static final int DEFAULT_WORKERS_AGENT = 16;
    /** Default number of user worker threads: 4 per core (the original's {@code workers_user}). */
    public static final int DEFAULT_WORKERS_USER = Runtime.getRuntime().availableProcessors() * 4;

    private static final Logger log = LoggerFactory.getLogger(SymphonyRedisConfig.class);

    static {
        ConfigAccess.register(config -> config.pools);
    }

    private final @Nullable String url;
    private final Map<String, String> aliasUrls;
    private final Map<String, Integer> databases;
    private final ConnectionStrategy connectionStrategy;
    private final int poolSize;
    private final int sharedConnections;
    private final Duration poolAcquireTimeout;
    private final int poolMaxPendingAcquires;
    private final boolean rejectCommandsWhileDisconnected;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final Duration reconnectDelayMax;
    private final String clientName;
    private final boolean keyspaceEvents;
    private final String keyspaceEventFlags;
    private final int workersUser;
    private final int workersTool;
    private final int workersAgent;
    private final @Nullable TlsOptions tls;
    private final Map<String, TlsOptions> aliasTls;
    private final List<Consumer<ClientResources.Builder>> clientResourcesCustomizers;
    private final List<Consumer<ClientOptions.Builder>> clientOptionsCustomizers;
    private final ConnectionObserver connectionObserver;
    private final List<PoolEndpoint> pools;

    private SymphonyRedisConfig(Builder b) {
        this.url = b.url;
        this.aliasUrls = Collections.unmodifiableMap(new LinkedHashMap<>(b.aliasUrls));
        this.databases = Collections.unmodifiableMap(new LinkedHashMap<>(b.databases));
        this.connectionStrategy = b.connectionStrategy;
        this.poolSize = b.poolSize;
        this.sharedConnections = b.sharedConnections;
        this.poolAcquireTimeout = b.poolAcquireTimeout;
        this.poolMaxPendingAcquires = b.poolMaxPendingAcquires;
        this.rejectCommandsWhileDisconnected = b.rejectCommandsWhileDisconnected;
        this.commandTimeout = b.commandTimeout;
        this.connectTimeout = b.connectTimeout;
        this.reconnectDelayMax = b.reconnectDelayMax;
        this.clientName = b.clientName;
        this.keyspaceEvents = b.keyspaceEvents;
        this.keyspaceEventFlags = b.keyspaceEventFlags;
        this.workersUser = b.workersUser;
        this.workersTool = b.workersTool;
        this.workersAgent = b.workersAgent;
        this.tls = b.tls;
        this.aliasTls = Collections.unmodifiableMap(new LinkedHashMap<>(b.aliasTls));
        this.clientResourcesCustomizers = List.copyOf(b.clientResourcesCustomizers);
        this.clientOptionsCustomizers = List.copyOf(b.clientOptionsCustomizers);
        this.connectionObserver = b.connectionObserver;
        this.pools = List.copyOf(resolvePools());
        TlsSettings.requireSomeTlsEndpoint(tls, pools);
    }

    /** Start a builder with every default; a URL (single or per alias) must be given before {@code build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Shortcut for {@code builder().url(url).build()}. */
    public static SymphonyRedisConfig fromUrl(String url) {
        return builder().url(url).build();
    }

    /** A builder holding every value of this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private List<PoolEndpoint> resolvePools() {
        List<String> missing = new ArrayList<>();
        for (String alias : aliases()) {
            if (!aliasUrls.containsKey(alias) && url == null) {
                missing.add(alias);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("No Redis URL for pool aliases " + missing
                    + ": give a single url(...) or an aliasUrl(...) for each");
        }
        List<String> unknownTls = aliasTls.keySet().stream().filter(a -> !aliases().contains(a)).toList();
        if (!unknownTls.isEmpty()) {
            throw new IllegalArgumentException("aliasTls names unknown pool aliases " + unknownTls);
        }
        List<PoolEndpoint> resolved = new ArrayList<>();
        for (String alias : aliases()) {
            String aliasUrl = aliasUrls.get(alias);
            resolved.add(aliasUrl != null
                    ? verbatim(alias, aliasUrl)
                    : fromSingleUrl(alias, Objects.requireNonNull(url)));
        }
        return resolved;
    }

    private List<String> aliases() {
        List<String> all = new ArrayList<>(databases.keySet());
        aliasUrls.keySet().stream().filter(a -> !databases.containsKey(a)).forEach(all::add);
        return all;
    }

    private PoolEndpoint verbatim(String alias, String aliasUrl) {
        if (RedisUrlParser.isCluster(aliasUrl)) {
            List<RedisURI> seeds = seeds(aliasUrl);
            return new PoolEndpoint(alias, 0, seeds, UrlRedactor.redact(aliasUrl), true,
                    tlsFor(alias, seeds, aliasUrl));
        }
        RedisURI uri = withSettings(RedisUrlParser.parse(aliasUrl), aliasUrl);
        return new PoolEndpoint(alias, uri.getDatabase(), List.of(uri), UrlRedactor.redact(aliasUrl), false,
                tlsFor(alias, List.of(uri), aliasUrl));
    }

    private PoolEndpoint fromSingleUrl(String alias, String singleUrl) {
        if (RedisUrlParser.isCluster(singleUrl)) {
            List<RedisURI> seeds = seeds(singleUrl);
            return new PoolEndpoint(alias, 0, seeds, UrlRedactor.redact(singleUrl), true,
                    tlsFor(alias, seeds, singleUrl));
        }
        RedisURI uri = withSettings(RedisUrlParser.parse(singleUrl), singleUrl);
        // aliases() lists an alias without its own URL only because it has a database entry
        uri.setDatabase(Objects.requireNonNull(databases.get(alias), alias));
        return new PoolEndpoint(alias, uri.getDatabase(), List.of(uri), UrlRedactor.redact(singleUrl), false,
                tlsFor(alias, List.of(uri), singleUrl));
    }

    private @Nullable TlsOptions tlsFor(String alias, List<RedisURI> uris, String source) {
        return TlsSettings.forAlias(alias, uris.get(0), source, tls, aliasTls);
    }

    private List<RedisURI> seeds(String clusterUrl) {
        List<RedisURI> seeds = new ArrayList<>();
        for (RedisURI seed : RedisUrlParser.parseClusterSeeds(clusterUrl)) {
            seeds.add(withSettings(seed, clusterUrl));
        }
        return seeds;
    }

    private RedisURI withSettings(RedisURI uri, String source) {
        if (!source.contains("timeout=")) {
            uri.setTimeout(commandTimeout);
        }
        if (uri.getClientName() == null) {
            uri.setClientName(clientName);
        }
        return uri;
    }

    /** Warn once if the single URL names a DB, which is ignored (each alias has its own). */
    static void warnIfSingleUrlNamesDatabase(String url) {
        if (!RedisUrlParser.isCluster(url) && RedisUrlParser.namesDatabase(url, RedisUrlParser.parse(url))) {
            log.warn("The DB in Redis URL '{}' is ignored: with a single URL each pool alias uses its own DB {}",
                    UrlRedactor.redact(url), PoolAliases.DEFAULT_DATABASES);
        }
    }

    /** The single URL, redacted, or {@code null} when only per-alias URLs are configured. */
    public @Nullable String redactedUrl() {
        return url == null ? null : UrlRedactor.redact(url);
    }


    /** The alias to DB table used with the single URL (defaults plus custom aliases). */
    public Map<String, Integer> databases() {
        return databases;
    }

    /** Per-alias URLs as configured. Contains passwords: never log the values. */
    Map<String, String> aliasUrls() {
        return aliasUrls;
    }

    /** TLS options for every alias whose URL uses TLS (unless it has its own), or {@code null} for JDK defaults. */
    public @Nullable TlsOptions tls() {
        return tls;
    }

    /** TLS options per alias, as configured. */
    public Map<String, TlsOptions> aliasTls() {
        return aliasTls;
    }

    /** Shared multiplexed connections (round robin over {@link #sharedConnections()}, the default) or pools. */
    public ConnectionStrategy connectionStrategy() {
        return connectionStrategy;
    }

    /** Connections per (server, DB) with {@link ConnectionStrategy#POOLED}. */
    public int poolSize() {
        return poolSize;
    }

    /** Multiplexed connections per (server, DB) with {@link ConnectionStrategy#SHARED_ROUND_ROBIN}. */
    public int sharedConnections() {
        return sharedConnections;
    }

    /**
     * Longest wait of a {@link ConnectionStrategy#POOLED} borrower for a free connection; past it the borrower fails
     * with {@link io.symphony.redis.connection.PoolExhaustedException}.
     */
    public Duration poolAcquireTimeout() {
        return poolAcquireTimeout;
    }

    /**
     * Most {@link ConnectionStrategy#POOLED} borrowers that may wait per (server, DB) while every connection is out;
     * one more fails at once with {@link io.symphony.redis.connection.PoolExhaustedException}.
     */
    public int poolMaxPendingAcquires() {
        return poolMaxPendingAcquires;
    }

    /**
     * Whether a command issued while its connection is disconnected fails at once instead of waiting for the
     * re-connect; see {@link Builder#rejectCommandsWhileDisconnected(boolean)}.
     */
    public boolean rejectCommandsWhileDisconnected() {
        return rejectCommandsWhileDisconnected;
    }

    /** Timeout of each command, unless the URL sets {@code ?timeout=}. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** Timeout of establishing a connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Longest wait between two reconnect attempts of a lost connection (the delay grows exponentially from 1 ms up
     * to this); it bounds how long after a failover the client finds the promoted primary.
     */
    public Duration reconnectDelayMax() {
        return reconnectDelayMax;
    }

    /** Client name sent with {@code CLIENT SETNAME}, unless the URL sets one. */
    public String clientName() {
        return clientName;
    }

    /** Whether start-up ensures {@code notify-keyspace-events} contains {@link #keyspaceEventFlags()}. */
    public boolean keyspaceEvents() {
        return keyspaceEvents;
    }

    /** Flags ensured in {@code notify-keyspace-events}; flags are only added, never removed. */
    public String keyspaceEventFlags() {
        return keyspaceEventFlags;
    }

    /** Threads of the user worker scheduler. */
    public int workersUser() {
        return workersUser;
    }

    /** Threads of the tool scheduler that runs blocking tools. */
    public int workersTool() {
        return workersTool;
    }

    /** Threads of the agent scheduler. */
    public int workersAgent() {
        return workersAgent;
    }

    /**
     * The customizers applied, in the order added, to the Lettuce {@code ClientResources} builder when the runtime
     * creates its own resources; see {@link Builder#clientResourcesCustomizer(Consumer)}.
     */
    public List<Consumer<ClientResources.Builder>> clientResourcesCustomizers() {
        return clientResourcesCustomizers;
    }

    /**
     * The customizers applied, in the order added, to the options of every Lettuce client the runtime creates; see
     * {@link Builder#clientOptionsCustomizer(Consumer)}.
     */
    public List<Consumer<ClientOptions.Builder>> clientOptionsCustomizers() {
        return clientOptionsCustomizers;
    }

    /** The observer of the runtime's connections; {@link ConnectionObserver#NOOP} unless one was set. */
    public ConnectionObserver connectionObserver() {
        return connectionObserver;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SymphonyRedisConfig other)) {
            return false;
        }
        return Objects.equals(url, other.url) && aliasUrls.equals(other.aliasUrls)
                && databases.equals(other.databases) && connectionStrategy == other.connectionStrategy
                && poolSize == other.poolSize && sharedConnections == other.sharedConnections
                && poolAcquireTimeout.equals(other.poolAcquireTimeout)
                && poolMaxPendingAcquires == other.poolMaxPendingAcquires
                && rejectCommandsWhileDisconnected == other.rejectCommandsWhileDisconnected
                && commandTimeout.equals(other.commandTimeout)
                && connectTimeout.equals(other.connectTimeout) && reconnectDelayMax.equals(other.reconnectDelayMax)
                && clientName.equals(other.clientName)
                && keyspaceEvents == other.keyspaceEvents && keyspaceEventFlags.equals(other.keyspaceEventFlags)
                && workersUser == other.workersUser && workersTool == other.workersTool
                && workersAgent == other.workersAgent
                && Objects.equals(tls, other.tls) && aliasTls.equals(other.aliasTls)
                && clientResourcesCustomizers.equals(other.clientResourcesCustomizers)
                && clientOptionsCustomizers.equals(other.clientOptionsCustomizers)
                && connectionObserver.equals(other.connectionObserver);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, aliasUrls, databases, connectionStrategy, poolSize, sharedConnections, poolAcquireTimeout,
                poolMaxPendingAcquires, rejectCommandsWhileDisconnected, commandTimeout,
                connectTimeout, reconnectDelayMax, clientName, keyspaceEvents, keyspaceEventFlags, workersUser,
                workersTool, workersAgent, tls, aliasTls, clientResourcesCustomizers, clientOptionsCustomizers,
                connectionObserver);
    }

    @Override
    public String toString() {
        return "SymphonyRedisConfig[url=" + redactedUrl() + ", pools=" + pools + ", strategy=" + connectionStrategy
                + ", poolSize=" + poolSize + ", sharedConnections=" + sharedConnections + ", poolAcquireTimeout=" + poolAcquireTimeout
                + ", poolMaxPendingAcquires=" + poolMaxPendingAcquires + ", rejectCommandsWhileDisconnected="
                + rejectCommandsWhileDisconnected + ", commandTimeout=" + commandTimeout + ", keyspaceEvents="
                + (keyspaceEvents ? keyspaceEventFlags : "off") + (tls == null ? "" : ", tls=" + tls)
                + (aliasTls.isEmpty() ? "" : ", aliasTls=" + aliasTls)
                + (clientResourcesCustomizers.isEmpty() ? ""
                        : ", clientResourcesCustomizers=" + clientResourcesCustomizers.size())
                + (clientOptionsCustomizers.isEmpty() ? ""
                        : ", clientOptionsCustomizers=" + clientOptionsCustomizers.size()) + "]";
    }

    /**
     * Builds a {@link SymphonyRedisConfig}; setters reject bad values with the value in the message.
     *
     * @since 0.1
     */
    public static final class Builder {

        private @Nullable String url;
        private final Map<String, String> aliasUrls = new LinkedHashMap<>();
        private final Map<String, Integer> databases = new LinkedHashMap<>(PoolAliases.DEFAULT_DATABASES);
        private ConnectionStrategy connectionStrategy = DEFAULT_CONNECTION_STRATEGY;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int sharedConnections = DEFAULT_SHARED_CONNECTIONS;
        private Duration poolAcquireTimeout = DEFAULT_POOL_ACQUIRE_TIMEOUT;
        private int poolMaxPendingAcquires = DEFAULT_POOL_MAX_PENDING_ACQUIRES;
        private boolean rejectCommandsWhileDisconnected = DEFAULT_REJECT_COMMANDS_WHILE_DISCONNECTED;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration reconnectDelayMax = DEFAULT_RECONNECT_DELAY_MAX;
        private String clientName = DEFAULT_CLIENT_NAME;
        private boolean keyspaceEvents = true;
        private String keyspaceEventFlags = DEFAULT_KEYSPACE_EVENT_FLAGS;
        private int workersUser = DEFAULT_WORKERS_USER;
        private int workersTool = DEFAULT_WORKERS_TOOL;
        private int workersAgent = DEFAULT_WORKERS_AGENT;
        private @Nullable TlsOptions tls;
        private final Map<String, TlsOptions> aliasTls = new LinkedHashMap<>();
        private final List<Consumer<ClientResources.Builder>> clientResourcesCustomizers = new ArrayList<>();
        private final List<Consumer<ClientOptions.Builder>> clientOptionsCustomizers = new ArrayList<>();
        private ConnectionObserver connectionObserver = ConnectionObserver.NOOP;

        private Builder() {
        }

        private Builder(SymphonyRedisConfig c) {
            this.url = c.url;
            this.aliasUrls.putAll(c.aliasUrls);
            this.databases.clear();
            this.databases.putAll(c.databases);
            this.connectionStrategy = c.connectionStrategy;
            this.poolSize = c.poolSize;
            this.sharedConnections = c.sharedConnections;
            this.poolAcquireTimeout = c.poolAcquireTimeout;
            this.poolMaxPendingAcquires = c.poolMaxPendingAcquires;
            this.rejectCommandsWhileDisconnected = c.rejectCommandsWhileDisconnected;
            this.commandTimeout = c.commandTimeout;
            this.connectTimeout = c.connectTimeout;
            this.reconnectDelayMax = c.reconnectDelayMax;
            this.clientName = c.clientName;
            this.keyspaceEvents = c.keyspaceEvents;
            this.keyspaceEventFlags = c.keyspaceEventFlags;
            this.workersUser = c.workersUser;
            this.workersTool = c.workersTool;
            this.workersAgent = c.workersAgent;
            this.tls = c.tls;
            this.aliasTls.putAll(c.aliasTls);
            this.clientResourcesCustomizers.addAll(c.clientResourcesCustomizers);
            this.clientOptionsCustomizers.addAll(c.clientOptionsCustomizers);
            this.connectionObserver = c.connectionObserver;
        }

        /**
         * Use one server for every alias not given its own URL; each alias gets its DB from the table. A DB in
         * the URL is ignored with a warning.
         */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            if (url.isBlank()) {
                throw new IllegalArgumentException("url must not be blank");
            }
            warnIfSingleUrlNamesDatabase(url.trim());
            this.url = url.trim();
            return this;
        }

        /** Point one alias (one of the six, or a custom one) at its own URL, used verbatim. */
        public Builder aliasUrl(String alias, String url) {
            requireAliasName(alias);
            Objects.requireNonNull(url, "url");
            if (url.isBlank()) {
                throw new IllegalArgumentException("url for alias '" + alias + "' must not be blank");
            }
            aliasUrls.put(alias, url.trim());
            return this;
        }

        /** Point several aliases at their own URLs; see {@link #aliasUrl(String, String)}. */
        public Builder aliasUrls(Map<String, String> urls) {
            urls.forEach(this::aliasUrl);
            return this;
        }

        /** Add a custom alias (or move a default one) to {@code db} on the single URL. */
        public Builder alias(String alias, int db) {
            requireAliasName(alias);
            if (db < 0) {
                throw new IllegalArgumentException("db of alias '" + alias + "' must be >= 0, was " + db);
            }
            databases.put(alias, db);
            return this;
        }

        /** Choose shared multiplexed connections ({@link #DEFAULT_CONNECTION_STRATEGY} by default) or pools. */
        public Builder connectionStrategy(ConnectionStrategy strategy) {
            this.connectionStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** Connections per (server, DB) with {@link ConnectionStrategy#POOLED}; default 8. */
        public Builder poolSize(int poolSize) {
            this.poolSize = positive("poolSize", poolSize);
            return this;
        }

        /**
         * Multiplexed connections per (server, DB) with {@link ConnectionStrategy#SHARED_ROUND_ROBIN}; default
         * {@link #DEFAULT_SHARED_CONNECTIONS}. More than the client resources' I/O threads buys nothing: each
         * connection lives on one Netty event loop.
         */
        public Builder sharedConnections(int sharedConnections) {
            this.sharedConnections = positive("sharedConnections", sharedConnections);
            return this;
        }

        /**
         * Longest wait of a {@link ConnectionStrategy#POOLED} borrower for a free connection; default 10 s. A borrower
         * still waiting then fails with {@link io.symphony.redis.connection.PoolExhaustedException} naming the pool
         * alias and this timeout.
         */
        public Builder poolAcquireTimeout(Duration timeout) {
            this.poolAcquireTimeout = positive("poolAcquireTimeout", timeout);
            return this;
        }

        /**
         * Most {@link ConnectionStrategy#POOLED} borrowers allowed to wait per (server, DB) while every connection is
         * out; default 1000. One more fails at once with {@link io.symphony.redis.connection.PoolExhaustedException}
         * instead of queueing; {@code 0} means nobody waits.
         */
        public Builder poolMaxPendingAcquires(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("poolMaxPendingAcquires must be >= 0, was " + limit);
            }
            this.poolMaxPendingAcquires = limit;
            return this;
        }

        /**
         * Fail commands at once while their connection is disconnected ({@code true}), or queue them until the
         * connection is back ({@code false}, the default; Lettuce's {@code DisconnectedBehavior.REJECT_COMMANDS}
         * versus {@code ACCEPT_COMMANDS}).
         *
         * <p>The default queues because the runtime re-connects in the background and most disconnects are short: a
         * Sentinel or Cluster failover, a restart or a network blip is over within a few seconds, and a queued
         * command then completes as if nothing happened, where rejecting would fail every request of those seconds.
         * The price is paid during a long outage: every command waits up to {@link #commandTimeout(Duration)}
         * before it fails with a timeout, holding its caller (and, with the pooled strategy, its connection) that
         * long. Choose {@code true} when callers have a fallback (a cache, a default, a circuit breaker) and would
         * rather fail in microseconds with {@code "Currently not connected. Commands are rejected."} than wait;
         * commands then work again as soon as the connection is re-established.
         */
        public Builder rejectCommandsWhileDisconnected(boolean reject) {
            this.rejectCommandsWhileDisconnected = reject;
            return this;
        }

        /** Timeout of each command; default 10 s. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive("commandTimeout", timeout);
            return this;
        }

        /** Timeout of establishing a connection; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * Longest wait between two reconnect attempts; default 1 s. Applies to the client resources the runtime
         * creates; a runtime on caller-owned {@code ClientResources} uses their reconnect delay.
         */
        public Builder reconnectDelayMax(Duration delay) {
            this.reconnectDelayMax = positive("reconnectDelayMax", delay);
            return this;
        }

        /** Client name sent to Redis; default {@code symphony-redis}. */
        public Builder clientName(String clientName) {
            Objects.requireNonNull(clientName, "clientName");
            if (clientName.isBlank() || clientName.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("clientName must be non-blank without spaces, was '"
                        + clientName + "'");
            }
            this.clientName = clientName;
            return this;
        }

        /** Ensure {@code notify-keyspace-events} at start-up (default on). */
        public Builder keyspaceEvents(boolean enabled) {
            this.keyspaceEvents = enabled;
            return this;
        }

        /** Flags to ensure in {@code notify-keyspace-events}; default {@code Ex}. */
        public Builder keyspaceEventFlags(String flags) {
            Objects.requireNonNull(flags, "flags");
            if (!flags.matches("[KEg$lshzxetmdnA]+")) {
                throw new IllegalArgumentException("keyspaceEventFlags must be Redis notify-keyspace-events "
                        + "flags, was '" + flags + "'");
            }
            this.keyspaceEventFlags = flags;
            return this;
        }

        /** Threads of the user worker scheduler; default 4 per core. */
        public Builder workersUser(int n) {
            this.workersUser = positive("workersUser", n);
            return this;
        }

        /** Threads of the tool scheduler; default 32. */
        public Builder workersTool(int n) {
            this.workersTool = positive("workersTool", n);
            return this;
        }

        /** Threads of the agent scheduler; default 16. */
        public Builder workersAgent(int n) {
            this.workersAgent = positive("workersAgent", n);
            return this;
        }

        /**
         * Use these TLS options (CA, client certificate, verify mode) for every alias whose URL uses TLS
         * ({@code rediss://}) and that has none of its own; {@code build()} fails if no URL uses TLS.
         */
        public Builder tls(TlsOptions options) {
            this.tls = Objects.requireNonNull(options, "tls");
            return this;
        }

        /**
         * Use these TLS options for one alias, e.g. one whose {@link #aliasUrl(String, String) URL} points at a
         * server with another CA or client certificate; {@code build()} fails if its URL does not use TLS.
         */
        public Builder aliasTls(String alias, TlsOptions options) {
            requireAliasName(alias);
            aliasTls.put(alias, Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * Add a customizer of the Lettuce {@code ClientResources} the runtime creates (event loops, timers, event bus,
         * command latency recorder, tracing), as Spring Boot's {@code ClientResourcesBuilderCustomizer} does. Each
         * customizer runs once per {@code SymphonyRuntime.create}, after the toolkit's own settings (the reconnect
         * delay of {@link #reconnectDelayMax(Duration)}), in the order added, so a later one wins. Not applied to
         * {@code ClientResources} the caller passes to {@code SymphonyRuntime.create(config, resources)}: the caller
         * configures those. A customizer that throws fails {@code create} with its exception.
         */
        public Builder clientResourcesCustomizer(Consumer<ClientResources.Builder> customizer) {
            clientResourcesCustomizers.add(Objects.requireNonNull(customizer, "clientResourcesCustomizer"));
            return this;
        }

        /**
         * Add a customizer of the options of every Lettuce client the runtime creates: standalone and Sentinel
         * clients (a {@code ClientOptions.Builder}) and Redis Cluster clients (a
         * {@code ClusterClientOptions.Builder}, which extends it), as Spring Boot's
         * {@code LettuceClientOptionsBuilderCustomizer} does. Customizers run in the order added, after the
         * toolkit's own options (connect timeout, keep-alive, disconnected behaviour, timeouts, TLS, Cluster topology
         * refresh), so they may override them; overriding those changes behaviour this configuration documents
         * (for example {@link #rejectCommandsWhileDisconnected(boolean)}).
         */
        public Builder clientOptionsCustomizer(Consumer<ClientOptions.Builder> customizer) {
            clientOptionsCustomizers.add(Objects.requireNonNull(customizer, "clientOptionsCustomizer"));
            return this;
        }

        /**
         * Observe the runtime's connections: the targets it opens, connects, re-connects and disconnects, and the
         * borrows of {@link ConnectionStrategy#POOLED} pools (default {@link ConnectionObserver#NOOP}, which costs
         * nothing). {@code SymphonyObservability} of the {@code symphony-redis-micrometer} module sets one that
         * records meters.
         */
        public Builder connectionObserver(ConnectionObserver observer) {
            this.connectionObserver = Objects.requireNonNull(observer, "connectionObserver");
            return this;
        }

        /**
         * Validate and build.
         *
         * @throws IllegalArgumentException if an alias has no URL, or a URL is invalid: unknown scheme, a port that
         *     is not 1-65535, a DB path that is not a number, an unknown query parameter or an invalid value of a
         *     known one; the message names the part and the URL with its password masked and its query left out
         */
        public SymphonyRedisConfig build() {
            return new SymphonyRedisConfig(this);
        }

        private static void requireAliasName(String alias) {
            Objects.requireNonNull(alias, "alias");
            if (!alias.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("alias must be 1-64 of [A-Za-z0-9_.-], was '" + alias + "'");
            }
        }

        private static int positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, was " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be > 0, was " + value);
            }
            return value;
        }
    }
}
