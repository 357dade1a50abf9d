package io.symphony.redis.listener;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.reactive.ChannelMessage;
import io.lettuce.core.resource.ClientResources;
import io.symphony.redis.runtime.internal.KeyspaceEventFlags;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.connection.internal.CancelSafeConnect;
import io.symphony.redis.connection.internal.LettuceTls;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Redis Cluster: one pub/sub connection per primary, each subscribed to the channel. Keyspace events are node-local,
 * so every primary must be heard; replicas are never subscribed (they apply the primary's {@code DEL} and do not
 * emit {@code expired}, and the claim scripts would drop a duplicate anyway).
 *
 * <p><b>Topology.</b> The Lettuce cluster client here only reads the topology ({@code CLUSTER NODES} through
 * {@link RedisClusterClient#refreshPartitionsAsync()}); the node connections belong to a plain client, so this class
 * alone decides which nodes are subscribed. The topology is re-read every {@code refreshInterval} while every
 * primary is subscribed, every {@link #DEGRADED_POLL} while one is not (a failover takes the cluster's node timeout
 * plus an election), at once when a node connection drops, and whenever a {@link ClusterTopologyChangedEvent} is
 * published on the shared event bus (for example by the runtime's own cluster client after a {@code MOVED}). Each
 * round reconciles: a primary that serves slots and is not marked failed gets a connection, its
 * {@code notify-keyspace-events} checked (and completed with {@code CONFIG SET} when it lacks {@code Ex}) and a
 * {@code SUBSCRIBE}; the connection of a node that no longer is such a primary (failed, demoted, removed) is closed,
 * which also ends Lettuce's reconnect attempts to a dead node. A connection Lettuce re-connects (and re-subscribes)
 * has its node's flags checked again in the next round, over a short-lived connection: a primary restarted before
 * the cluster failed it over keeps its id and slots but not the flags a {@code CONFIG SET} gave it.
 *
 * <p><b>States.</b> {@link ListenerState#CONNECTED} once primaries that confirmed their {@code SUBSCRIBE} serve
 * every one of the 16384 slots; {@link ListenerState#RECONNECTING} when that stops being true (a primary's
 * connection drops, a failed primary still holds its slots, a new primary is not subscribed yet), then
 * {@code CONNECTED} again once it is true for the new topology.
 */
final class ClusterPubSubConnector extends PubSubConnector {

    private static final Logger log = LoggerFactory.getLogger(ClusterPubSubConnector.class);
    /** Topology re-read interval while a primary is not subscribed. */
    static final Duration DEGRADED_POLL = Duration.ofMillis(250);
    /** Connect and command timeout of the topology reads and the node connections. */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);
    /** A cluster has at most one primary per slot. */
    private static final int MAX_PRIMARIES = 16_384;

    private final RedisClusterClient topology;
    private final RedisClient nodes;
    private final Duration refreshInterval;

    ClusterPubSubConnector(PoolEndpoint endpoint, String channel, Consumer<ListenerState> states,
            ClientResources resources, Duration refreshInterval) {
        super(endpoint, channel, states, resources);
        // Short timeouts: a topology read (CLUSTER NODES, INFO on every node) waits for its slowest node, and a round
        // that waits does not notice the failover. Node URIs inherit the seeds' timeout.
        List<RedisURI> seeds = endpoint.uris().stream()
                .map(uri -> RedisURI.builder(uri).withTimeout(NODE_TIMEOUT).build())
                .toList();
        SocketOptions socket = SocketOptions.builder().connectTimeout(NODE_TIMEOUT).keepAlive(true).build();
        this.topology = RedisClusterClient.create(resources, seeds);
        topology.setOptions(LettuceTls.apply(ClusterClientOptions.builder(), endpoint).socketOptions(socket).build());
        this.nodes = RedisClient.create(resources);
        nodes.setOptions(LettuceTls.apply(ClientOptions.builder(), endpoint).socketOptions(socket).build());
        this.refreshInterval = refreshInterval;
    }

    @Override
    Flux<String> messages() {
        return Flux.usingWhen(Mono.fromSupplier(Session::new), Session::messages, Session::close);
    }

    @Override
    Mono<Void> shutdownClients() {
        return shutdown(nodes).then(Mono.fromCompletionStage(() -> topology.shutdownAsync(0, 2, TimeUnit.SECONDS)));
    }

    /** One subscription of {@link #messages()}: its node connections and its view of their health. */
    private final class Session {

        /** The subscribed primaries by node id; changed by reconcile rounds only, which run one at a time. */
        private final Map<String, NodeSubscription> subscribed = new ConcurrentHashMap<>();
        private final Sinks.Many<Boolean> wakes = Sinks.many().multicast().directBestEffort();
        /** The slots of each serving primary of the latest topology, by node id. */
        private volatile Map<String, BitSet> wanted = Map.of();
        private volatile boolean loaded;
        private volatile ListenerState reported = ListenerState.CONNECTING;

        Flux<String> messages() {
            Flux<Object> signals = Flux.merge(wakes.asFlux(),
                    topology.getResources().eventBus().get().ofType(ClusterTopologyChangedEvent.class));
            // Each signal starts a round now and restarts the timer, so a drop is followed by fast polling at once.
            return signals.startWith(Boolean.TRUE)
                    .switchMap(signal -> Flux.defer(() -> Mono.delay(pause())).repeat().startWith(0L))
                    .onBackpressureLatest()
                    .concatMap(tick -> round(), 1)
                    .flatMap(stream -> stream, MAX_PRIMARIES);
        }

        private Duration pause() {
            return reported == ListenerState.CONNECTED ? refreshInterval : DEGRADED_POLL;
        }

        /** Ask for a round now; a wake arriving while another is being emitted is redundant and dropped. */
        private void wake() {
            wakes.tryEmitNext(Boolean.TRUE);
        }

        /** Re-read the topology and reconcile; emits the message stream of each newly subscribed primary. */
        private Flux<Flux<String>> round() {
            log.debug("Expiry pub/sub: re-reading the topology of {}", endpoint.redactedUrl());
            return Mono.fromCompletionStage(topology::refreshPartitionsAsync)
                    .thenMany(Flux.defer(() -> reconcile(topology.getPartitions())))
                    // No topology yet, or the first primaries cannot send expired events: fail the subscription
                    // (ExpiryEvents retries the first with backoff and reports the second). Later: retry next round.
                    .onErrorResume(error -> loaded && !(error instanceof KeyspaceEventsUnavailableException),
                            error -> {
                                log.warn("Reading the Redis Cluster topology of {} failed ({}); retrying",
                                        endpoint.redactedUrl(), error.toString());
                                return Flux.empty();
                            });
        }

        private Flux<Flux<String>> reconcile(Partitions partitions) {
            boolean first = !loaded;
            loaded = true;
            Map<String, RedisClusterNode> primaries = new LinkedHashMap<>();
            Map<String, BitSet> slots = new LinkedHashMap<>();
            for (RedisClusterNode node : partitions) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.is(RedisClusterNode.NodeFlag.FAIL)
                        && !node.hasNoSlots()) {
                    primaries.put(node.getNodeId(), node);
                    BitSet owned = new BitSet(SlotHash.SLOT_COUNT);
                    node.getSlots().forEach(owned::set);
                    slots.put(node.getNodeId(), owned);
                }
            }
            wanted = Map.copyOf(slots);
            List<NodeSubscription> gone = subscribed.values().stream().filter(subscription -> {
                RedisClusterNode now = primaries.get(subscription.nodeId);
                return now == null || !sameAddress(now.getUri(), subscription.uri);
            }).toList();
            for (NodeSubscription subscription : gone) {
                log.info("Expiry pub/sub: {} is no longer a primary serving slots; closing its subscription",
                        subscription.address());
                subscribed.remove(subscription.nodeId, subscription);
            }
            List<RedisClusterNode> fresh = primaries.values().stream()
                    .filter(node -> !subscribed.containsKey(node.getNodeId()))
                    .toList();
            if (!first && !fresh.isEmpty()) {
                log.info("Expiry pub/sub: subscribing new primaries {} of {}",
                        fresh.stream().map(node -> address(node.getUri())).toList(), endpoint.redactedUrl());
            }
            List<NodeSubscription> reconnected = subscribed.values().stream()
                    .filter(subscription -> subscription.reconnected)
                    .toList();
            report();
            Flux<Flux<String>> opened = Flux.fromIterable(fresh).flatMap(node -> open(node, first), MAX_PRIMARIES);
            return Flux.fromIterable(gone).flatMap(NodeSubscription::closeLater, MAX_PRIMARIES)
                    .thenMany(Flux.fromIterable(reconnected).flatMap(NodeSubscription::recheckFlags, MAX_PRIMARIES))
                    .thenMany(opened)
                    .doOnComplete(this::report);
        }

        private Mono<Flux<String>> open(RedisClusterNode node, boolean first) {
            NodeSubscription subscription = new NodeSubscription(node.getNodeId(), node.getUri());
            subscribed.put(subscription.nodeId, subscription);
            return CancelSafeConnect.connect(() -> nodes.connectPubSubAsync(StringCodec.UTF8, subscription.uri))
                    .flatMap(connection -> subscription.attach(connection).then(Mono.fromSupplier(
                            () -> subscription.stream(connection))))
                    .onErrorResume(error -> {
                        if (first && error instanceof KeyspaceEventsUnavailableException) {
                            return Mono.error(error);
                        }
                        log.warn("Expiry pub/sub: cannot subscribe primary {} ({}); retrying in {} ms",
                                subscription.address(), error.toString(), DEGRADED_POLL.toMillis());
                        subscribed.remove(subscription.nodeId, subscription);
                        return subscription.closeLater().then(Mono.empty());
                    });
        }

        /**
         * Report CONNECTED when subscribed primaries serve every slot, RECONNECTING when that stops being so. A
         * failed primary still holds its slots until its replica is promoted: until then its keys expire unheard.
         */
        private void report() {
            // Emitted under the lock: two rounds racing must not deliver their states out of order (a CONNECTED
            // computed first but emitted last would hide uncovered slots until coverage changed again).
            synchronized (this) {
                ListenerState state;
                BitSet heard = new BitSet(SlotHash.SLOT_COUNT);
                wanted.forEach((id, owned) -> {
                    NodeSubscription subscription = subscribed.get(id);
                    if (subscription != null && subscription.up) {
                        heard.or(owned);
                    }
                });
                boolean all = heard.cardinality() == SlotHash.SLOT_COUNT;
                if (all && reported != ListenerState.CONNECTED) {
                    state = ListenerState.CONNECTED;
                } else if (!all && reported == ListenerState.CONNECTED) {
                    state = ListenerState.RECONNECTING;
                } else {
                    return;
                }
                reported = state;
                if (state == ListenerState.CONNECTED) {
                    log.info("Expiry pub/sub subscribed on the {} primaries serving every slot of {}",
                            wanted.size(), endpoint.redactedUrl());
                }
                states.accept(state);
            }
        }

        Mono<Void> close() {
            return Flux.fromIterable(List.copyOf(subscribed.values()))
                    .flatMap(NodeSubscription::closeLater, MAX_PRIMARIES)
                    .then(Mono.fromRunnable(subscribed::clear));
        }

        /** The pub/sub connection to one primary. */
        private final class NodeSubscription {

            final String nodeId;
            final RedisURI uri;
            volatile boolean up;
            /** Set when Lettuce re-connected the connection: the node may have restarted without its flags. */
            volatile boolean reconnected;
            private volatile boolean dropped;
            private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;
            private final Sinks.Empty<Void> closed = Sinks.empty();

            NodeSubscription(String nodeId, RedisURI uri) {
                this.nodeId = nodeId;
                this.uri = uri;
            }

            String address() {
                return ClusterPubSubConnector.address(uri);
            }

            /** Watch the connection and make sure the node sends expired events; then the stream may subscribe. */
            Mono<Void> attach(StatefulRedisPubSubConnection<String, String> opened) {
                connection = opened;
                if (dropped) {
                    return closeLater();
                }
                opened.addListener(new RedisPubSubAdapter<String, String>() {
                    @Override
                    public void subscribed(String subscribedChannel, long count) {
                        up = true;
                        report();
                    }
                });
                opened.addListener(new RedisConnectionStateListener() {
                    @Override
                    public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress local) {
                        // Only re-connects reach here (the listener is added after the first connect). A node that
                        // restarted before the cluster failed it over keeps its id, address and slots, but not the
                        // flags a CONFIG SET gave it: check them again in the next round.
                        if (dropped || closing) {
                            return;
                        }
                        reconnected = true;
                        wake();
                    }

                    @Override
                    public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                        if (dropped || closing) {
                            return;
                        }
                        up = false;
                        log.warn("Expiry pub/sub connection to primary {} lost; re-connecting and re-reading the "
                                + "topology (events published meanwhile are lost; the due-index sweeper covers "
                                + "indexed triggers)", address());
                        report();
                        wake();
                    }
                });
                return ensureFlags(opened.reactive());
            }

            /**
             * After a re-connect, check the flags over a short-lived connection of its own (a subscribed RESP2
             * connection accepts no CONFIG). A failure is logged and the check runs again next round, unless the
             * node refused CONFIG SET, which another try would not change.
             */
            Mono<Void> recheckFlags() {
                return Mono.defer(() -> {
                    reconnected = false;
                    return Mono.usingWhen(
                            Mono.fromCompletionStage(() -> nodes.connectAsync(StringCodec.UTF8, uri)),
                            connection -> ensureFlags(connection.reactive()),
                            connection -> Mono.fromCompletionStage(connection.closeAsync()));
                }).onErrorResume(error -> {
                    if (!(error instanceof KeyspaceEventsUnavailableException) && !dropped) {
                        reconnected = true;
                    }
                    log.warn("Expiry pub/sub: cannot check notify-keyspace-events on re-connected primary {} ({}){}",
                            address(), error.toString(), reconnected ? "; retrying next round" : "");
                    return Mono.empty();
                });
            }

            private Mono<Void> ensureFlags(RedisReactiveCommands<String, String> commands) {
                return commands.configGet(KeyspaceEventFlags.PARAMETER)
                        .map(values -> values.getOrDefault(KeyspaceEventFlags.PARAMETER, ""))
                        .onErrorResume(io.lettuce.core.RedisCommandExecutionException.class, error -> {
                            log.warn("Cannot read notify-keyspace-events on primary {} ({}): its expiry events "
                                    + "arrive only if it has 'Ex'", address(), error.getMessage());
                            return Mono.empty();
                        })
                        .flatMap(current -> {
                            String missing = KeyspaceEventFlags.missing(current, KeyspaceEventFlags.EXPIRED_EVENTS);
                            if (missing.isEmpty()) {
                                return Mono.empty();
                            }
                            String flags = current + missing;
                            log.info("Setting notify-keyspace-events to '{}' on primary {}", flags, address());
                            return commands.configSet(KeyspaceEventFlags.PARAMETER, flags).then()
                                    .onErrorMap(io.lettuce.core.RedisCommandExecutionException.class,
                                            error -> new KeyspaceEventsUnavailableException(
                                                    endpoint.redactedUrl() + " (primary " + address() + ")",
                                                    current, error));
                        });
            }

            /** The payloads of this node's messages, until closed; SUBSCRIBE is sent once they are observed. */
            Flux<String> stream(StatefulRedisPubSubConnection<String, String> opened) {
                Flux<String> payloads = opened.reactive().observeChannels(FluxSink.OverflowStrategy.BUFFER)
                        .map(ChannelMessage::getMessage);
                return Flux.merge(payloads, opened.reactive().subscribe(channel).thenMany(Flux.<String>empty()))
                        .takeUntilOther(closed.asMono())
                        .onErrorResume(error -> {
                            log.warn("Expiry pub/sub on primary {} failed ({}); re-subscribing it", address(),
                                    error.toString());
                            subscribed.remove(nodeId, this);
                            return closeLater().then(Mono.fromRunnable(() -> {
                                report();
                                wake();
                            })).thenMany(Flux.<String>empty());
                        });
            }

            Mono<Void> closeLater() {
                return Mono.defer(() -> {
                    dropped = true;
                    up = false;
                    closed.tryEmitEmpty();
                    StatefulRedisPubSubConnection<String, String> current = connection;
                    return current == null ? Mono.empty() : closeConnection(current);
                });
            }
        }
    }

    private static boolean sameAddress(RedisURI a, RedisURI b) {
        return a.getHost().equals(b.getHost()) && a.getPort() == b.getPort();
    }

    static String address(RedisURI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
