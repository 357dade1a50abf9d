package io.symphony.redis.listener;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.reactive.ChannelMessage;
import io.symphony.redis.config.PoolEndpoint;
import java.net.SocketAddress;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Owns one dedicated Lettuce client for a pub/sub subscription to one channel: standalone ({@code SUBSCRIBE} on the
 * server) or Cluster ({@code SUBSCRIBE} on every primary, node messages propagated, re-subscribed on topology
 * changes). Lettuce re-connects with its own backoff and re-subscribes; connection changes are reported to
 * {@code states}.
 */
abstract class PubSubConnector {

    private static final Logger log = LoggerFactory.getLogger(PubSubConnector.class);

    final PoolEndpoint endpoint;
    final String channel;
    final Consumer<ListenerState> states;
    /** Set before an orderly close, so the disconnect it causes is not reported as a lost connection. */
    private volatile boolean closing;

    PubSubConnector(PoolEndpoint endpoint, String channel, Consumer<ListenerState> states) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.states = states;
    }

    static PubSubConnector create(PoolEndpoint endpoint, String channel, Consumer<ListenerState> states) {
        return endpoint.cluster() ? new Cluster(endpoint, channel, states) : new Standalone(endpoint, channel, states);
    }

    /** Connect, subscribe and emit the message payloads; the connection is closed on cancel, error or complete. */
    abstract Flux<String> messages();

    /** Shut the client down. */
    abstract Mono<Void> shutdown();

    /** Announce an orderly close: disconnects from now on are expected. */
    final void markClosing() {
        closing = true;
    }

    final RedisConnectionStateListener stateListener() {
        return new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                log.debug("Expiry pub/sub connected to {}", endpoint.redactedUrl());
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (closing) {
                    log.debug("Expiry pub/sub connection to {} closed", endpoint.redactedUrl());
                    return;
                }
                log.warn("Expiry pub/sub connection to {} lost; re-connecting (events published meanwhile are "
                        + "lost; the due-index sweeper covers indexed triggers)", endpoint.redactedUrl());
                states.accept(ListenerState.RECONNECTING);
            }
        };
    }

    /** Standalone or Sentinel: one connection, one SUBSCRIBE. */
    private static final class Standalone extends PubSubConnector {

        private final RedisClient client;

        Standalone(PoolEndpoint endpoint, String channel, Consumer<ListenerState> states) {
            super(endpoint, channel, states);
            this.client = RedisClient.create();
            client.addListener(stateListener());
        }

        @Override
        Flux<String> messages() {
            return Flux.usingWhen(
                    Mono.fromCompletionStage(() -> client.connectPubSubAsync(StringCodec.UTF8, endpoint.uris().get(0))),
                    this::subscribed,
                    connection -> Mono.fromCompletionStage(connection.closeAsync()));
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
        Mono<Void> shutdown() {
            return Mono.fromCompletionStage(client::shutdownAsync);
        }
    }

    /** Redis Cluster: SUBSCRIBE on every primary; topology changes subscribe the new primaries. */
    private static final class Cluster extends PubSubConnector {

        private final RedisClusterClient client;

        Cluster(PoolEndpoint endpoint, String channel, Consumer<ListenerState> states) {
            super(endpoint, channel, states);
            this.client = RedisClusterClient.create(endpoint.uris());
            client.addListener(stateListener());
        }

        @Override
        Flux<String> messages() {
            return Flux.usingWhen(
                    Mono.fromCompletionStage(() -> client.connectPubSubAsync(StringCodec.UTF8)),
                    this::subscribed,
                    connection -> Mono.fromCompletionStage(connection.closeAsync()));
        }

        private Flux<String> subscribed(StatefulRedisClusterPubSubConnection<String, String> connection) {
            connection.setNodeMessagePropagation(true);
            Flux<String> payloads = connection.reactive().observeChannels(FluxSink.OverflowStrategy.BUFFER)
                    .map(ChannelMessage::getMessage);
            Mono<Void> subscribeAll = connection.reactive().upstream().commands().subscribe(channel).flux()
                    .then(Mono.fromRunnable(() -> states.accept(ListenerState.CONNECTED)));
            Flux<Void> followTopology = client.getResources().eventBus().get()
                    .ofType(ClusterTopologyChangedEvent.class)
                    .concatMap(change -> {
                        log.info("Cluster topology changed; subscribing every primary to {}", channel);
                        return connection.reactive().upstream().commands().subscribe(channel).flux().then();
                    });
            return Flux.merge(payloads, subscribeAll.thenMany(Flux.empty()), followTopology.thenMany(Flux.empty()));
        }

        @Override
        Mono<Void> shutdown() {
            return Mono.fromCompletionStage(client::shutdownAsync);
        }
    }
}
