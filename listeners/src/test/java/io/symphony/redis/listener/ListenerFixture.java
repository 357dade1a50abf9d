package io.symphony.redis.listener;

import io.lettuce.core.KillArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.symphony.redis.codec.RedisValueCodec;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.ClusterNode;
import io.symphony.redis.testsupport.LocalRedisCluster;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Runtimes, listeners and per-identifier handler counts on one {@link Topology}. Standalone means a private server
 * per fixture, started with keyspace events on and hz 100 (the shared test server has neither); Cluster means the
 * shared local Redis Cluster, which has both, with a trigger prefix of this fixture's own so the index and keys of
 * earlier tests never reach its listeners, or a cluster a failover test started and owns.
 */
final class ListenerFixture implements AutoCloseable {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final Topology topology;
    final KeyFactory keys;
    final List<SymphonyRuntime> runtimes = new ArrayList<>();
    final List<TriggerListener> listeners = new ArrayList<>();
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final @Nullable PrivateRedisServer server;
    private final @Nullable LocalRedisCluster cluster;

    ListenerFixture(Topology topology) {
        this.topology = topology;
        if (topology.isCluster()) {
            server = null;
            cluster = LocalRedisCluster.shared();
            keys = KeyFactory.builder().triggerPrefix("EXPTRIGGER" + PREFIXES.incrementAndGet()).build();
        } else {
            server = PrivateRedisServer.start("--notify-keyspace-events", "Ex", "--hz", "100");
            cluster = null;
            keys = KeyFactory.defaults();
        }
    }

    /** A standalone fixture on a private server started with {@code serverArgs} (for the load harness). */
    ListenerFixture(String... serverArgs) {
        topology = Topology.STANDALONE;
        server = PrivateRedisServer.start(serverArgs);
        cluster = null;
        keys = KeyFactory.defaults();
    }

    /** A Cluster fixture on a cluster the caller started and closes (failover tests). */
    ListenerFixture(LocalRedisCluster owned) {
        topology = Topology.CLUSTER;
        server = null;
        cluster = owned;
        keys = KeyFactory.defaults();
    }

    String url() {
        return cluster != null ? cluster.uri() : server().uri();
    }

    SymphonyRuntime runtime() {
        SymphonyRuntime runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(url()).build(),
                        RedisValueCodec.defaults(), keys)
                .block(Duration.ofSeconds(30));
        runtimes.add(runtime);
        return runtime;
    }

    /** The trigger repository as an application gets it: the Cluster layout on a Cluster. */
    RedisTrigger triggers(SymphonyRuntime runtime, String tenant) {
        return SymphonyRepositories.of(runtime).trigger(tenant);
    }

    /** A registry whose handler for {@code action} counts runs per identifier. */
    TriggerRegistry countingRegistry(String action) {
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on(action, event -> Mono.fromRunnable(
                () -> counts.computeIfAbsent(event.identifier(), id -> new AtomicInteger()).incrementAndGet()));
        return registry;
    }

    TriggerListener listener(SymphonyRuntime runtime, TriggerRegistry registry) {
        return listener(runtime, registry, TriggerListenerOptions.defaults());
    }

    TriggerListener listener(SymphonyRuntime runtime, TriggerRegistry registry, TriggerListenerOptions options) {
        TriggerListener listener = TriggerListener.create(runtime, registry, options);
        listeners.add(listener);
        return listener;
    }

    /** SET key value PX ttl without a due-index entry, as the original writes a trigger (the expiry pool's DB). */
    void setRaw(String key, String value, Duration ttl) {
        SetArgs px = SetArgs.Builder.px(ttl.toMillis());
        if (cluster != null) {
            cluster.sync().set(key, value, px);
        } else {
            server().sync(8).set(key, value, px);
        }
    }

    /** ZADD {@code member} with {@code score} to {@code key} on the standalone server's expiry DB. */
    void zadd(String key, double score, String member) {
        server().sync(8).zadd(key, score, member);
    }

    /** ZSCORE of {@code member} in {@code key} on the expiry DB (standalone) or the cluster, or null. */
    @Nullable Double zscore(String key, String member) {
        return cluster != null ? cluster.sync().zscore(key, member) : server().sync(8).zscore(key, member);
    }

    /** ZCARD of {@code key} on the expiry DB (standalone) or the cluster. */
    long zcard(String key) {
        return cluster != null ? cluster.sync().zcard(key) : server().sync(8).zcard(key);
    }

    /** HLEN of {@code key} on the expiry DB (standalone) or the cluster. */
    long hlen(String key) {
        return cluster != null ? cluster.sync().hlen(key) : server().sync(8).hlen(key);
    }

    /**
     * How many scripts the standalone server ran since its stats were reset: the {@code calls} of
     * {@code cmdstat_evalsha} and {@code cmdstat_eval} in {@code INFO commandstats}.
     */
    long scriptCalls() {
        String stats = server().sync(8).info("commandstats");
        return calls(stats, "cmdstat_evalsha:") + calls(stats, "cmdstat_eval:");
    }

    private static long calls(String stats, String command) {
        return stats.lines().filter(line -> line.startsWith(command)).findFirst()
                .map(line -> Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(','))))
                .orElse(0L);
    }

    /** CONFIG RESETSTAT on the standalone server: the command counts start from zero. */
    void resetStats() {
        server().sync(8).configResetstat();
    }

    /** CLIENT PAUSE of write commands (scripts included) for {@code duration} on the standalone server. */
    void pauseWrites(Duration duration) {
        server().sync(8).dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(duration.toMillis()).add("WRITE"));
    }

    /** Kill every normal (command) client connection of the standalone server but the fixture's own. */
    void killCommandClients() {
        server().sync(8).clientKill(KillArgs.Builder.typeNormal().skipme());
    }

    /** Kill every pub/sub client connection: on the server, or on every primary of the cluster. */
    void killPubSubClients() {
        if (cluster != null) {
            cluster.primaries().forEach(node -> node.sync().clientKill(KillArgs.Builder.typePubsub()));
        } else {
            server().sync(8).clientKill(KillArgs.Builder.typePubsub());
        }
    }

    /**
     * One trigger key of {@code tenant}/{@code action} per node that emits expiry events: the server, or one key in
     * a slot of each primary; keyed by the node's address.
     */
    Map<String, String> triggerKeyPerPrimary(String tenant, String action) {
        Map<String, String> perNode = new LinkedHashMap<>();
        if (cluster == null) {
            perNode.put(server().host() + ":" + server().port(), keys.triggerKey(tenant, action, "id:0"));
            return perNode;
        }
        List<ClusterNode> primaries = cluster.primaries();
        for (int i = 0; perNode.size() < primaries.size(); i++) {
            String key = keys.triggerKey(tenant, action, "id:" + i);
            ClusterNode owner = cluster.primaryOf(key);
            perNode.putIfAbsent(owner.host() + ":" + owner.port() + " (slot " + SlotHash.getSlot(key) + ")", key);
        }
        return perNode;
    }

    /** PUBSUB NUMSUB of {@code channel} on every running node, keyed "primary|replica host:port". */
    Map<String, Long> subscribers(String channel) {
        Map<String, Long> numsub = new LinkedHashMap<>();
        if (cluster == null) {
            numsub.put("primary " + server().port(), server().sync(8).pubsubNumsub(channel).get(channel));
            return numsub;
        }
        for (ClusterNode node : cluster.nodes()) {
            if (node.isRunning()) {
                numsub.put((node.isPrimary() ? "primary " : "replica ") + node.port(),
                        node.sync().pubsubNumsub(channel).get(channel));
            }
        }
        return numsub;
    }

    boolean allOnce(int n) {
        return counts.size() == n && counts.values().stream().allMatch(c -> c.get() == 1);
    }

    long duplicates() {
        return counts.values().stream().filter(c -> c.get() > 1).count();
    }

    private PrivateRedisServer server() {
        if (server == null) {
            throw new IllegalStateException("not a standalone fixture");
        }
        return server;
    }

    @Override
    public void close() {
        listeners.forEach(l -> l.stop().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(30)));
        runtimes.forEach(r -> r.close().block(Duration.ofSeconds(10)));
        if (server != null) {
            server.close();
        }
    }
}
