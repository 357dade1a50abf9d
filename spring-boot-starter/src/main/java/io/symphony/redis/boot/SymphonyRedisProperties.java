package io.symphony.redis.boot;

import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.config.internal.UrlRedactor;
import io.symphony.redis.listener.UnhandledActions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code symphony.redis.*} properties: every setting of {@code SymphonyRedisConfig}, {@code TriggerRegistry},
 * {@code TriggerListenerOptions}, {@code ExpiryEventsOptions} and {@code RetryPolicy}, the request filter and the
 * health indicators. The defaults written here are the toolkit's {@code DEFAULT_*} constants (a unit test keeps them
 * equal); IDEs complete and describe every property from the generated {@code spring-configuration-metadata.json}.
 *
 * <p>An unknown property under {@code symphony.redis} (a typo such as {@code symphony.redis.uri}) fails start-up
 * naming it; a value the toolkit rejects fails it naming the property, the value and the reason
 * ({@link InvalidSymphonyRedisPropertyException}).
 *
 * @since 0.1
 */
@ConfigurationProperties(prefix = "symphony.redis", ignoreUnknownFields = false)
public class SymphonyRedisProperties {

    /**
     * Redis URL for every pool alias without a URL of its own; each alias gets its own DB on that server (default 15,
     * user 11, handlers 10, symphony_shared_state 9, expiry 8, pubsub 7). redis://, rediss:// (TLS),
     * redis-sentinel://h1:p1,h2:p2#master or redis-cluster://h1:p1,h2:p2.
     */
    private @Nullable String url;

    /** Redis URL per pool alias, used verbatim (DB from the URL); aliases not listed use url. */
    private Map<String, String> aliasUrls = new LinkedHashMap<>();

    /** DB per pool alias on the single url: moves one of the six aliases, or adds a custom alias. */
    private Map<String, Integer> databases = new LinkedHashMap<>();

    /**
     * How connections are shared: SHARED_ROUND_ROBIN (round robin over shared-connections per server and DB), SHARED
     * (one connection per server and DB) or POOLED.
     */
    private ConnectionStrategy strategy = ConnectionStrategy.SHARED_ROUND_ROBIN;

    /** Connections per server and DB with SHARED_ROUND_ROBIN. */
    private int sharedConnections = 2;

    /** Connections per server and DB with POOLED. */
    private int poolSize = 8;

    /** Longest wait of a POOLED borrower for a free connection before it fails. */
    private Duration poolAcquireTimeout = Duration.ofSeconds(10);

    /** Most POOLED borrowers waiting per server and DB; one more fails at once. */
    private int poolMaxPendingAcquires = 1000;

    /** Fail commands at once while their connection is disconnected, instead of queueing them until it is back. */
    private boolean rejectCommandsWhileDisconnected = false;

    /** Timeout of each command (unless the URL sets ?timeout=); also a tool's wait per Redis call. */
    private Duration commandTimeout = Duration.ofSeconds(10);

    /** Timeout of establishing a connection. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Longest pause between two reconnect attempts of a lost connection. */
    private Duration reconnectDelayMax = Duration.ofSeconds(1);

    /** Client name sent with CLIENT SETNAME (unless the URL sets one). */
    private String clientName = "symphony-redis";

    /** Ensure notify-keyspace-events holds keyspace-event-flags at start-up (flags are only added). */
    private boolean keyspaceEvents = true;

    /** Flags ensured in notify-keyspace-events when keyspace-events is on. */
    private String keyspaceEventFlags = "Ex";

    /** Longest wait at start-up for every pool alias to connect; past it start-up fails. */
    private Duration startTimeout = Duration.ofSeconds(60);

    /** Worker pools of the runtime. */
    private final Workers workers = new Workers();

    /** TLS options for every alias whose URL uses TLS (rediss://) and has none of its own. */
    private @Nullable Tls tls;

    /** TLS options per pool alias. */
    private Map<String, Tls> aliasTls = new LinkedHashMap<>();

    /** The repositories' defaults. */
    private final Repositories repositories = new Repositories();

    /** The trigger registry and listener. */
    private final Listener listener = new Listener();

    /** The request filter. */
    private final Web web = new Web();

    /** The health indicators. */
    private final Health health = new Health();

    /** Metrics and traces. */
    private final Observability observability = new Observability();

    /** The single URL. */
    public @Nullable String getUrl() {
        return url;
    }

    /** Set the single URL. */
    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    /** The URL per alias. */
    public Map<String, String> getAliasUrls() {
        return aliasUrls;
    }

    /** Set the URL per alias. */
    public void setAliasUrls(Map<String, String> aliasUrls) {
        this.aliasUrls = aliasUrls;
    }

    /** The DB per alias on the single URL. */
    public Map<String, Integer> getDatabases() {
        return databases;
    }

    /** Set the DB per alias on the single URL. */
    public void setDatabases(Map<String, Integer> databases) {
        this.databases = databases;
    }

    /** The connection strategy. */
    public ConnectionStrategy getStrategy() {
        return strategy;
    }

    /** Set the connection strategy. */
    public void setStrategy(ConnectionStrategy strategy) {
        this.strategy = strategy;
    }

    /** Round-robin connections per server and DB. */
    public int getSharedConnections() {
        return sharedConnections;
    }

    /** Set the round-robin connections per server and DB. */
    public void setSharedConnections(int sharedConnections) {
        this.sharedConnections = sharedConnections;
    }

    /** Connections per server and DB. */
    public int getPoolSize() {
        return poolSize;
    }

    /** Set the connections per server and DB. */
    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    /** The POOLED acquire timeout. */
    public Duration getPoolAcquireTimeout() {
        return poolAcquireTimeout;
    }

    /** Set the POOLED acquire timeout. */
    public void setPoolAcquireTimeout(Duration poolAcquireTimeout) {
        this.poolAcquireTimeout = poolAcquireTimeout;
    }

    /** The POOLED waiting borrowers limit. */
    public int getPoolMaxPendingAcquires() {
        return poolMaxPendingAcquires;
    }

    /** Set the POOLED waiting borrowers limit. */
    public void setPoolMaxPendingAcquires(int poolMaxPendingAcquires) {
        this.poolMaxPendingAcquires = poolMaxPendingAcquires;
    }

    /** Whether commands fail at once while disconnected. */
    public boolean isRejectCommandsWhileDisconnected() {
        return rejectCommandsWhileDisconnected;
    }

    /** Set whether commands fail at once while disconnected. */
    public void setRejectCommandsWhileDisconnected(boolean rejectCommandsWhileDisconnected) {
        this.rejectCommandsWhileDisconnected = rejectCommandsWhileDisconnected;
    }

    /** The command timeout. */
    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    /** Set the command timeout. */
    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    /** The connect timeout. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** Set the connect timeout. */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** The longest reconnect pause. */
    public Duration getReconnectDelayMax() {
        return reconnectDelayMax;
    }

    /** Set the longest reconnect pause. */
    public void setReconnectDelayMax(Duration reconnectDelayMax) {
        this.reconnectDelayMax = reconnectDelayMax;
    }

    /** The client name. */
    public String getClientName() {
        return clientName;
    }

    /** Set the client name. */
    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    /** Whether keyspace-event flags are ensured at start-up. */
    public boolean isKeyspaceEvents() {
        return keyspaceEvents;
    }

    /** Set whether keyspace-event flags are ensured at start-up. */
    public void setKeyspaceEvents(boolean keyspaceEvents) {
        this.keyspaceEvents = keyspaceEvents;
    }

    /** The keyspace-event flags. */
    public String getKeyspaceEventFlags() {
        return keyspaceEventFlags;
    }

    /** Set the keyspace-event flags. */
    public void setKeyspaceEventFlags(String keyspaceEventFlags) {
        this.keyspaceEventFlags = keyspaceEventFlags;
    }

    /** The start-up connect timeout. */
    public Duration getStartTimeout() {
        return startTimeout;
    }

    /** Set the start-up connect timeout. */
    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    /** The worker pools. */
    public Workers getWorkers() {
        return workers;
    }

    /** The TLS options for every alias. */
    public @Nullable Tls getTls() {
        return tls;
    }

    /** Set the TLS options for every alias. */
    public void setTls(@Nullable Tls tls) {
        this.tls = tls;
    }

    /** The TLS options per alias. */
    public Map<String, Tls> getAliasTls() {
        return aliasTls;
    }

    /** Set the TLS options per alias. */
    public void setAliasTls(Map<String, Tls> aliasTls) {
        this.aliasTls = aliasTls;
    }

    /** The repositories' defaults. */
    public Repositories getRepositories() {
        return repositories;
    }

    /** The listener settings. */
    public Listener getListener() {
        return listener;
    }

    /** The request filter settings. */
    public Web getWeb() {
        return web;
    }

    /** The health indicator settings. */
    public Health getHealth() {
        return health;
    }

    /** The metrics and tracing settings. */
    public Observability getObservability() {
        return observability;
    }

    /** Describe the properties with every password masked. */
    @Override
    public String toString() {
        return "SymphonyRedisProperties[url=" + (url == null ? null : UrlRedactor.redact(url)) + ", aliasUrls="
                + aliasUrls.entrySet().stream().map(e -> e.getKey() + "=" + UrlRedactor.redact(e.getValue()))
                        .toList()
                + ", strategy=" + strategy + ", poolSize=" + poolSize + ", commandTimeout=" + commandTimeout
                + ", tls=" + tls + ", aliasTls=" + aliasTls + "]";
    }

    /**
     * Worker pools of the runtime ({@code symphony.redis.workers.*}).
     *
     * @since 0.1
     */
    public static class Workers {

        /** Threads of the user worker scheduler; default 4 per core. */
        private @Nullable Integer user;

        /** Threads of the tool scheduler that runs blocking tools. */
        private int tool = 32;

        /** Threads of the agent scheduler. */
        private int agent = 16;

        /** User worker threads, or null for 4 per core. */
        public @Nullable Integer getUser() {
            return user;
        }

        /** Set the user worker threads. */
        public void setUser(@Nullable Integer user) {
            this.user = user;
        }

        /** Tool worker threads. */
        public int getTool() {
            return tool;
        }

        /** Set the tool worker threads. */
        public void setTool(int tool) {
            this.tool = tool;
        }

        /** Agent worker threads. */
        public int getAgent() {
            return agent;
        }

        /** Set the agent worker threads. */
        public void setAgent(int agent) {
            this.agent = agent;
        }
    }

    /**
     * TLS options ({@code symphony.redis.tls.*}, {@code symphony.redis.alias-tls.<alias>.*}); see {@link TlsOptions}.
     * TLS itself is switched on by a {@code rediss://} URL.
     *
     * @since 0.1
     */
    public static class Tls {

        /** Trusted CA certificate(s), PEM. */
        private @Nullable Path caFile;

        /** Trust store file (PKCS#12 or JKS), instead of ca-file. */
        private @Nullable Path trustStore;

        /** Password of the trust store. */
        private @Nullable String trustStorePassword;

        /** Client certificate chain for mutual TLS, PEM (with key-file). */
        private @Nullable Path certFile;

        /** The client's PKCS#8 private key, PEM. */
        private @Nullable Path keyFile;

        /** Password of key-file when it is encrypted. */
        private @Nullable String keyPassword;

        /** Client key store (PKCS#12 or JKS), instead of cert-file and key-file. */
        private @Nullable Path keyStore;

        /** Password of the key store. */
        private @Nullable String keyStorePassword;

        /** How the server's certificate is checked: FULL (chain and host name), CA (chain only) or NONE. */
        private TlsOptions.VerifyMode verifyPeer = TlsOptions.VerifyMode.FULL;

        /** TLS protocols to offer; empty for the JDK's. */
        private List<String> protocols = new ArrayList<>();

        /** Cipher suites to offer; empty for the JDK's. */
        private List<String> cipherSuites = new ArrayList<>();

        /** The CA file. */
        public @Nullable Path getCaFile() {
            return caFile;
        }

        /** Set the CA file. */
        public void setCaFile(@Nullable Path caFile) {
            this.caFile = caFile;
        }

        /** The trust store. */
        public @Nullable Path getTrustStore() {
            return trustStore;
        }

        /** Set the trust store. */
        public void setTrustStore(@Nullable Path trustStore) {
            this.trustStore = trustStore;
        }

        /** The trust store password. */
        public @Nullable String getTrustStorePassword() {
            return trustStorePassword;
        }

        /** Set the trust store password. */
        public void setTrustStorePassword(@Nullable String trustStorePassword) {
            this.trustStorePassword = trustStorePassword;
        }

        /** The client certificate file. */
        public @Nullable Path getCertFile() {
            return certFile;
        }

        /** Set the client certificate file. */
        public void setCertFile(@Nullable Path certFile) {
            this.certFile = certFile;
        }

        /** The client key file. */
        public @Nullable Path getKeyFile() {
            return keyFile;
        }

        /** Set the client key file. */
        public void setKeyFile(@Nullable Path keyFile) {
            this.keyFile = keyFile;
        }

        /** The key password. */
        public @Nullable String getKeyPassword() {
            return keyPassword;
        }

        /** Set the key password. */
        public void setKeyPassword(@Nullable String keyPassword) {
            this.keyPassword = keyPassword;
        }

        /** The key store. */
        public @Nullable Path getKeyStore() {
            return keyStore;
        }

        /** Set the key store. */
        public void setKeyStore(@Nullable Path keyStore) {
            this.keyStore = keyStore;
        }

        /** The key store password. */
        public @Nullable String getKeyStorePassword() {
            return keyStorePassword;
        }

        /** Set the key store password. */
        public void setKeyStorePassword(@Nullable String keyStorePassword) {
            this.keyStorePassword = keyStorePassword;
        }

        /** The verify mode. */
        public TlsOptions.VerifyMode getVerifyPeer() {
            return verifyPeer;
        }

        /** Set the verify mode. */
        public void setVerifyPeer(TlsOptions.VerifyMode verifyPeer) {
            this.verifyPeer = verifyPeer;
        }

        /** The protocols. */
        public List<String> getProtocols() {
            return protocols;
        }

        /** Set the protocols. */
        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        /** The cipher suites. */
        public List<String> getCipherSuites() {
            return cipherSuites;
        }

        /** Set the cipher suites. */
        public void setCipherSuites(List<String> cipherSuites) {
            this.cipherSuites = cipherSuites;
        }

        /** The options by their paths, never their passwords. */
        @Override
        public String toString() {
            return "Tls[caFile=" + caFile + ", trustStore=" + trustStore + ", certFile=" + certFile + ", keyFile="
                    + keyFile + ", keyStore=" + keyStore + ", verifyPeer=" + verifyPeer
                    + (trustStorePassword == null ? "" : ", trustStorePassword=***")
                    + (keyPassword == null ? "" : ", keyPassword=***")
                    + (keyStorePassword == null ? "" : ", keyStorePassword=***") + "]";
        }
    }

    /**
     * The repositories' defaults ({@code symphony.redis.repositories.*}).
     *
     * @since 0.1
     */
    public static class Repositories {

        /** TTL of every hash write that names none (the original's ttl_default). */
        private Duration defaultTtl = Duration.ofDays(1);

        /** Per-key lookups in flight during scans. */
        private int scanConcurrency = 16;

        /** The default TTL. */
        public Duration getDefaultTtl() {
            return defaultTtl;
        }

        /** Set the default TTL. */
        public void setDefaultTtl(Duration defaultTtl) {
            this.defaultTtl = defaultTtl;
        }

        /** The scan concurrency. */
        public int getScanConcurrency() {
            return scanConcurrency;
        }

        /** Set the scan concurrency. */
        public void setScanConcurrency(int scanConcurrency) {
            this.scanConcurrency = scanConcurrency;
        }
    }

    /**
     * The trigger registry and listener ({@code symphony.redis.listener.*}).
     *
     * @since 0.1
     */
    public static class Listener {

        /** Run the trigger listener in this instance (every instance may: each trigger fires once). */
        private boolean enabled = true;

        /** Longest wait at start-up for the expiry subscription to be confirmed; past it start-up fails. */
        private Duration startTimeout = Duration.ofSeconds(60);

        /** The service whose due-index, in-flight set and dead letters this instance uses; empty for the default. */
        private String namespace = "";

        /** Occurrences handled at once per instance. */
        private int concurrency = 64;

        /** Run every instance's handler for each keyspace event, without claims (the original's semantics). */
        private boolean broadcast = false;

        /** What happens to a due trigger whose action has no handler: LEAVE it for another instance, or DEAD_LETTER. */
        private UnhandledActions unhandledActions = UnhandledActions.LEAVE;

        /** Pool alias whose DB's expiry events and due-index are used. */
        private String pool = "expiry";

        /** Expiry events buffered for slow handlers; when full the oldest is dropped and counted. */
        private int bufferSize = 10_000;

        /** First delay before reconnecting the expiry subscription after a failed connect. */
        private Duration minBackoff = Duration.ofMillis(100);

        /** Largest delay between connect attempts of the expiry subscription. */
        private Duration maxBackoff = Duration.ofSeconds(10);

        /** How often the Cluster topology is re-read while every primary is subscribed. */
        private Duration topologyRefresh = Duration.ofSeconds(5);

        /** Longest pause between two sweeps of the due-index. */
        private Duration sweepInterval = Duration.ofMillis(100);

        /** Entries one sweep claims at most. */
        private int batchSize = 500;

        /** Longest wait for a sweep's reply before it counts as failed. */
        private Duration sweepTimeout = Duration.ofSeconds(3);

        /** Claims held but not running (waiting for a handler slot or their ack) at most. */
        private int maxWaitingClaims = 1_000;

        /** Acknowledgements sent in one ack script at most. */
        private int ackBatchSize = 500;

        /** Longest wait of an acknowledgement for others to share its script. */
        private Duration ackMaxDelay = Duration.ofMillis(5);

        /** Claim lease; unset: one attempt's timeout plus 30 s. Must be at least retry.timeout. */
        private @Nullable Duration lease;

        /** How long claimed keys are remembered, so a late expiry event is not run twice. */
        private Duration dedupWindow = Duration.ofMinutes(10);

        /** Actions the original's Python listeners fire in a mixed deployment; this instance never runs them. */
        private Set<String> originalActions = new LinkedHashSet<>();

        /** How failing handlers are retried before the occurrence is dead-lettered. */
        private final Retry retry = new Retry();

        /** Whether the listener is enabled. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Set whether the listener is enabled. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The start-up wait for the subscription. */
        public Duration getStartTimeout() {
            return startTimeout;
        }

        /** Set the start-up wait for the subscription. */
        public void setStartTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
        }

        /** The namespace. */
        public String getNamespace() {
            return namespace;
        }

        /** Set the namespace. */
        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        /** The handler concurrency. */
        public int getConcurrency() {
            return concurrency;
        }

        /** Set the handler concurrency. */
        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        /** Whether every instance runs every handler. */
        public boolean isBroadcast() {
            return broadcast;
        }

        /** Set whether every instance runs every handler. */
        public void setBroadcast(boolean broadcast) {
            this.broadcast = broadcast;
        }

        /** The policy for actions without a handler. */
        public UnhandledActions getUnhandledActions() {
            return unhandledActions;
        }

        /** Set the policy for actions without a handler. */
        public void setUnhandledActions(UnhandledActions unhandledActions) {
            this.unhandledActions = unhandledActions;
        }

        /** The pool alias. */
        public String getPool() {
            return pool;
        }

        /** Set the pool alias. */
        public void setPool(String pool) {
            this.pool = pool;
        }

        /** The event buffer. */
        public int getBufferSize() {
            return bufferSize;
        }

        /** Set the event buffer. */
        public void setBufferSize(int bufferSize) {
            this.bufferSize = bufferSize;
        }

        /** The first reconnect delay. */
        public Duration getMinBackoff() {
            return minBackoff;
        }

        /** Set the first reconnect delay. */
        public void setMinBackoff(Duration minBackoff) {
            this.minBackoff = minBackoff;
        }

        /** The largest reconnect delay. */
        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        /** Set the largest reconnect delay. */
        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        /** The Cluster topology refresh. */
        public Duration getTopologyRefresh() {
            return topologyRefresh;
        }

        /** Set the Cluster topology refresh. */
        public void setTopologyRefresh(Duration topologyRefresh) {
            this.topologyRefresh = topologyRefresh;
        }

        /** The sweep interval. */
        public Duration getSweepInterval() {
            return sweepInterval;
        }

        /** Set the sweep interval. */
        public void setSweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
        }

        /** The sweep batch. */
        public int getBatchSize() {
            return batchSize;
        }

        /** Set the sweep batch. */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        /** The sweep timeout. */
        public Duration getSweepTimeout() {
            return sweepTimeout;
        }

        /** Set the sweep timeout. */
        public void setSweepTimeout(Duration sweepTimeout) {
            this.sweepTimeout = sweepTimeout;
        }

        /** The most claims waiting for a handler slot. */
        public int getMaxWaitingClaims() {
            return maxWaitingClaims;
        }

        /** Set the most claims waiting for a handler slot. */
        public void setMaxWaitingClaims(int maxWaitingClaims) {
            this.maxWaitingClaims = maxWaitingClaims;
        }

        /** The acknowledgements per ack script. */
        public int getAckBatchSize() {
            return ackBatchSize;
        }

        /** Set the acknowledgements per ack script. */
        public void setAckBatchSize(int ackBatchSize) {
            this.ackBatchSize = ackBatchSize;
        }

        /** The longest wait of an acknowledgement for others. */
        public Duration getAckMaxDelay() {
            return ackMaxDelay;
        }

        /** Set the longest wait of an acknowledgement for others. */
        public void setAckMaxDelay(Duration ackMaxDelay) {
            this.ackMaxDelay = ackMaxDelay;
        }

        /** The fixed lease, or null for the default. */
        public @Nullable Duration getLease() {
            return lease;
        }

        /** Set the fixed lease. */
        public void setLease(@Nullable Duration lease) {
            this.lease = lease;
        }

        /** The dedup window. */
        public Duration getDedupWindow() {
            return dedupWindow;
        }

        /** Set the dedup window. */
        public void setDedupWindow(Duration dedupWindow) {
            this.dedupWindow = dedupWindow;
        }

        /** The original's actions. */
        public Set<String> getOriginalActions() {
            return originalActions;
        }

        /** Set the original's actions. */
        public void setOriginalActions(Set<String> originalActions) {
            this.originalActions = originalActions;
        }

        /** The retry policy. */
        public Retry getRetry() {
            return retry;
        }
    }

    /**
     * How failing handlers are retried ({@code symphony.redis.listener.retry.*}).
     *
     * @since 0.1
     */
    public static class Retry {

        /** Attempts in total before the occurrence is dead-lettered. */
        private int maxAttempts = 3;

        /** Time one attempt may take before it counts as failed. */
        private Duration timeout = Duration.ofSeconds(30);

        /** Delay before the first retry; later ones back off exponentially with jitter. */
        private Duration firstBackoff = Duration.ofMillis(200);

        /** Largest delay between retries. */
        private Duration maxBackoff = Duration.ofSeconds(5);

        /** The attempts. */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /** Set the attempts. */
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** The attempt timeout. */
        public Duration getTimeout() {
            return timeout;
        }

        /** Set the attempt timeout. */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** The first backoff. */
        public Duration getFirstBackoff() {
            return firstBackoff;
        }

        /** Set the first backoff. */
        public void setFirstBackoff(Duration firstBackoff) {
            this.firstBackoff = firstBackoff;
        }

        /** The largest backoff. */
        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        /** Set the largest backoff. */
        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /**
     * Metrics and traces through symphony-redis-micrometer ({@code symphony.redis.observability.*}).
     *
     * @since 0.1
     */
    public static class Observability {

        /** Instrument the runtime, repositories and listener (with a MeterRegistry and symphony-redis-micrometer). */
        private boolean enabled = true;

        /** Tag repository observations with the tenant (one time series per tenant: mind the cardinality). */
        private boolean tenantTag = false;

        /** Record Lettuce's command latency timers, tagged with the pool aliases. */
        private boolean commandLatency = true;

        /** Publish percentile histograms on the command latency timers (many time series). */
        private boolean commandLatencyHistogram = false;

        /** Record Lettuce's command observations (spans) when an ObservationRegistry exists. */
        private boolean commandTracing = true;

        /** Pause between two ZCARDs of a running listener's due-index for its size gauge. */
        private Duration dueIndexPollInterval = Duration.ofSeconds(10);

        /** Whether the instrumentation is on. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Set whether the instrumentation is on. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** Whether repository observations carry the tenant. */
        public boolean isTenantTag() {
            return tenantTag;
        }

        /** Set whether repository observations carry the tenant. */
        public void setTenantTag(boolean tenantTag) {
            this.tenantTag = tenantTag;
        }

        /** Whether command latencies are recorded. */
        public boolean isCommandLatency() {
            return commandLatency;
        }

        /** Set whether command latencies are recorded. */
        public void setCommandLatency(boolean commandLatency) {
            this.commandLatency = commandLatency;
        }

        /** Whether command latency histograms are published. */
        public boolean isCommandLatencyHistogram() {
            return commandLatencyHistogram;
        }

        /** Set whether command latency histograms are published. */
        public void setCommandLatencyHistogram(boolean commandLatencyHistogram) {
            this.commandLatencyHistogram = commandLatencyHistogram;
        }

        /** Whether command observations are recorded. */
        public boolean isCommandTracing() {
            return commandTracing;
        }

        /** Set whether command observations are recorded. */
        public void setCommandTracing(boolean commandTracing) {
            this.commandTracing = commandTracing;
        }

        /** The due-index gauge's poll interval. */
        public Duration getDueIndexPollInterval() {
            return dueIndexPollInterval;
        }

        /** Set the due-index gauge's poll interval. */
        public void setDueIndexPollInterval(Duration dueIndexPollInterval) {
            this.dueIndexPollInterval = dueIndexPollInterval;
        }
    }

    /**
     * The request filter ({@code symphony.redis.web.*}).
     *
     * @since 0.1
     */
    public static class Web {

        /** Register the request filter that binds each request's shared state. */
        private boolean enabled = true;

        /** Header the tenant is read from. */
        private String tenantHeader = "X-Tenant-Id";

        /** Header the user is read from. */
        private String userHeader = "X-User-Id";

        /** Order of the filter (after Spring Security's, -100). */
        private int order = 0;

        /**
         * Path patterns (Spring PathPattern syntax, e.g. /chat/**) on which a request without tenant is answered 400
         * with an RFC 9457 problem detail instead of running with nothing bound.
         */
        private List<String> requireTenant = new ArrayList<>();

        /** Whether the filter is registered. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Set whether the filter is registered. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The tenant header. */
        public String getTenantHeader() {
            return tenantHeader;
        }

        /** Set the tenant header. */
        public void setTenantHeader(String tenantHeader) {
            this.tenantHeader = tenantHeader;
        }

        /** The user header. */
        public String getUserHeader() {
            return userHeader;
        }

        /** Set the user header. */
        public void setUserHeader(String userHeader) {
            this.userHeader = userHeader;
        }

        /** The filter order. */
        public int getOrder() {
            return order;
        }

        /** Set the filter order. */
        public void setOrder(int order) {
            this.order = order;
        }

        /** The paths that require a tenant. */
        public List<String> getRequireTenant() {
            return requireTenant;
        }

        /** Set the paths that require a tenant. */
        public void setRequireTenant(List<String> requireTenant) {
            this.requireTenant = requireTenant;
        }
    }

    /**
     * The health indicators ({@code symphony.redis.health.*}); switched off with
     * {@code management.health.symphony-redis.enabled=false}.
     *
     * @since 0.1
     */
    public static class Health {

        /** Longest wait for a pool target's PONG before it is reported DOWN. */
        private Duration timeout = Duration.ofSeconds(2);

        /** How long the expiry subscription may be lost before the listener is reported DOWN. */
        private Duration listenerMaxDisconnected = Duration.ofSeconds(30);

        /** The PING timeout. */
        public Duration getTimeout() {
            return timeout;
        }

        /** Set the PING timeout. */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** The listener's allowed disconnection. */
        public Duration getListenerMaxDisconnected() {
            return listenerMaxDisconnected;
        }

        /** Set the listener's allowed disconnection. */
        public void setListenerMaxDisconnected(Duration listenerMaxDisconnected) {
            this.listenerMaxDisconnected = listenerMaxDisconnected;
        }
    }
}
