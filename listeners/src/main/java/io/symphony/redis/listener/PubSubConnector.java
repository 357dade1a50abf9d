package io.symphony.redis.listener;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.reactive.ChannelMessage;
import io.lettuce.core.resource.ClientResources;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.connection.internal.CancelSafeConnect;
import io.symphony.redis.connection.internal.QuietClose;
import io.symphony.redis.connection.internal.LettuceTls;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Owns the dedicated Lettuce client(s) of a pub/sub subscription to one channel, on the runtime's client resources:
 * standalone or Sentinel ({@code SUBSCRIBE} on the server) or Redis Cluster ({@link ClusterPubSubConnector}:
 * {@code SUBSCRIBE} on every primary). Lettuce re-connects with its own backoff and re-subscribes; connection
 * changes are reported to {@code states}.
 */
abstract class PubSubConnector {

    private static final Logger log = LoggerFactory.getLogger(PubSubConnector.class);

    final PoolEndpoint endpoint;
    final String channel;
    final Consumer<ListenerState> states;
    final ClientResources resources;
    /** Set before an orderly close, so the disconnect it causes is not reported as a lost connection. */
    volatile boolean closing;
    /** Closes of connections under way, awaited by {@link #shutdown()}. */
    private final Set<CompletableFuture<Void>> closesUnderWay = ConcurrentHashMap.newKeySet();

    PubSubConnector(PoolEndpoint endpoint, String channel, Consumer<ListenerState> states,
            ClientResources resources) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.states = states;
        this.resources = resources;
    }

    static PubSubConnector create(PoolEndpoint endpoint, String channel, Consumer<ListenerState> states,
            ClientResources resources, ExpiryEventsOptions options) {
        return endpoint.cluster()
                ? new ClusterPubSubConnector(endpoint, channel, states, resources, options.topologyRefresh())
                : new Standalone(endpoint, channel, states, resources);
    }

    /** Connect, subscribe and emit the message payloads; the connection is closed on cancel, error or complete. */
    abstract Flux<String> messages();

    /**
     * Shut the dedicated client(s) down (never the shared client resources), once the connections whose close is
     * under way are closed: the client's shutdown closes every connection it still lists, and closing one a second
     * time makes Lettuce log WARN "Connection is already closed". When the runtime that owns those resources was
     * closed first, its event loops are gone and with them every connection; a graceful close would wait for them
     * forever, so there is nothing left to do.
     */
    final Mono<Void> shutdown() {
        return Mono.defer(() -> resources.eventExecutorGroup().isShuttingDown()
                ? Mono.empty()
                : Mono.fromFuture(CompletableFuture.allOf(closesUnderWay.toArray(CompletableFuture<?>[]::new)), true)
                        .onErrorComplete()
                        .then(shutdownClients()));
    }

    abstract Mono<Void> shutdownClients();

    /** Close a connection when its subscription ends; one the runtime's close already closed is fine. */
    final Mono<Void> closeConnection(StatefulRedisPubSubConnection<String, String> connection) {
        return Mono.defer(() -> {
            if (QuietClose.isClosed(connection)) {
                return Mono.empty();
            }
            CompletableFuture<Void> closed = connection.closeAsync();
            closesUnderWay.add(closed);
            closed.whenComplete((ignored, error) -> closesUnderWay.remove(closed));
            return Mono.fromFuture(closed, true);
        }).onErrorResume(error -> {
            log.debug("Closing an expiry pub/sub connection failed", error);
            return Mono.empty();
        });
    }

    /** Announce an orderly close: disconnects from now on are expected. */
    final void markClosing() {
        closing = true;
    }

    static Mono<Void> shutdown(RedisClient client) {
        return Mono.fromCompletionStage(() -> client.shutdownAsync(0, 2, TimeUnit.SECONDS));
    }

    /** Standalone or Sentinel: one connection, one SUBSCRIBE. */
    private static final class Standalone extends PubSubConnector {

        private final RedisClient client;

        Standalone(PoolEndpoint endpoint, String channel, Consumer<ListenerState> states, ClientResources resources) {
            super(endpoint, channel, states, resources);
            this.client = RedisClient.create(resources);
            client.setOptions(LettuceTls.apply(ClientOptions.builder(), endpoint).build());
            client.addListener(stateListener());
        }

        private RedisConnectionStateListener stateListener() {
            return new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    log.debug("Expiry pub/sub connected to {}", endpoint.redactedUrl());
                }

                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    if (!(connection instanceof StatefulRedisPubSubConnection<?, ?>)) {
                        // Behind Sentinel the client also opens (and closes) a connection to a sentinel to look up
                        // the primary; its close is no loss of the subscription, and reporting RECONNECTING for it
                        // could follow the real re-subscription's CONNECTED and leave the state wrong.
                        return;
                    }
                    if (closing || connection.isClosed()) {
                        // Our own close (stop, or a subscription ending): no loss to report.
                        log.debug("Expiry pub/sub connection to {} closed", endpoint.redactedUrl());
                        return;
                    }
                    log.warn("Expiry pub/sub connection to {} lost; re-connecting (events published meanwhile are "
                            + "lost; the due-index sweeper covers indexed triggers)", endpoint.redactedUrl());
                    states.accept(ListenerState.RECONNECTING);
                }
            };
        }

        @Override
        Flux<String> messages() {
            return Flux.usingWhen(
                    CancelSafeConnect.connect(() -> client.connectPubSubAsync(StringCodec.UTF8,
                            endpoint.uris().get(0))),
                    this::subscribed,
                    this::closeConnection);
        }

        private Flux<String> subscribed(StatefulRedisPubSubConnection<String, String> connection) {
            connection.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void subscribed(String subscribedChannel, long count) {
                    states.accept(ListenerState.CONNECTED);
                }
            });
            Flux<String> payloads = connection.reactive().observeChannels(FluxSink.OverflowStrategy.BUFFER)
                    .map(ChannelMessage::getMessage);
            return Flux.merge(payloads, connection.reactive().subscribe(channel).thenMany(Flux.empty()));
        }

        @Override
        Mono<Void> shutdownClients() {
            return shutdown(client);
        }
    }
}
