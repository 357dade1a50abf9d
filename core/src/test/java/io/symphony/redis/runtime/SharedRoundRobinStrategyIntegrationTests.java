package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** SHARED_ROUND_ROBIN against a real server: N connections per target, publishers take turns, all close. */
class SharedRoundRobinStrategyIntegrationTests {

    private SymphonyRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void concurrentCallersAreSpreadOverThePoolSizeConnectionsOfOneTarget() {
        TestRedis redis = TestRedis.shared();
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(redis.uri())
                .connectionStrategy(ConnectionStrategy.SHARED_ROUND_ROBIN).sharedConnections(3).keyspaceEvents(false)
                .build()).block(Duration.ofSeconds(10));
        String key = "rr-test:" + UUID.randomUUID();
        Set<Long> clientIds = new HashSet<>();

        Flux.range(0, 300)
                .flatMap(i -> runtime.connections().withCommands("default", cluster -> {
                    RedisReactiveCommands<String, String> c = (RedisReactiveCommands<String, String>) cluster;
                    return c.clientId().doOnNext(id -> {
                        synchronized (clientIds) {
                            clientIds.add(id);
                        }
                    }).then(c.incr(key));
                }), 64)
                .as(StepVerifier::create)
                .expectNextCount(300)
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        assertThat(clientIds).as("distinct connections used by the default alias").hasSize(3);
        assertThat(redis.sync(15).get(key)).isEqualTo("300");
        redis.sync(15).del(key);
    }

    @Test
    void theConnectionsOfEachTargetReplyOnDifferentEventLoops_whenThereAreAsManyLoopsAsConnections() {
        TestRedis redis = TestRedis.shared();
        // six aliases, six DBs, so twelve connections opened at once: each target's two must not share a loop
        for (int attempt = 0; attempt < 3; attempt++) {
            runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(redis.uri())
                    .connectionStrategy(ConnectionStrategy.SHARED_ROUND_ROBIN).sharedConnections(2)
                    .clientResourcesCustomizer(resources -> resources.ioThreadPoolSize(2)).keyspaceEvents(false)
                    .build()).block(Duration.ofSeconds(10));
            for (String alias : runtime.connections().aliases()) {
                // from this (non-event-loop) thread, successive publishers take the connections in turn
                List<String> replyThreads = Flux.range(0, 2)
                        .concatMap(i -> runtime.connections().withCommands(alias,
                                cluster -> cluster.ping().map(pong -> Thread.currentThread().getName())))
                        .collectList().block(Duration.ofSeconds(10));
                assertThat(new HashSet<>(replyThreads)).as("reply threads of alias %s (attempt %d)", alias, attempt)
                        .hasSize(2);
            }
            runtime.close().block(Duration.ofSeconds(10));
            runtime = null;
        }
    }

    @Test
    void aChainOfCommandsIssuedFromRepliesStaysOnTheConnectionThatReplied() {
        TestRedis redis = TestRedis.shared();
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(redis.uri())
                .connectionStrategy(ConnectionStrategy.SHARED_ROUND_ROBIN).sharedConnections(2).keyspaceEvents(false)
                .build()).block(Duration.ofSeconds(10));
        List<Long> clientIds = new ArrayList<>();

        // concatMap subscribes each command from the previous one's reply, on that connection's event loop
        Flux.range(0, 40)
                .concatMap(i -> runtime.connections().withCommands("default",
                        cluster -> ((RedisReactiveCommands<String, String>) cluster).clientId()))
                .doOnNext(clientIds::add)
                .as(StepVerifier::create)
                .expectNextCount(40)
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        // the first links pick in turn until the connection's reply thread is known; then the chain stays
        assertThat(new HashSet<>(clientIds.subList(5, 40))).as("connections serving the chain after its start")
                .hasSize(1);
    }
}
