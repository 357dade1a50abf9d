package io.symphony.redis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.connection.PoolExhaustedException;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.RedisTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Command latencies per pool, connection state and re-connects per (server, DB), and a starved POOLED pool. */
@RedisTest
class ConnectionMetricsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Connections per (server, DB) of the default strategy, SHARED_ROUND_ROBIN. */
    private static final int PER_TARGET = SymphonyRedisConfig.DEFAULT_SHARED_CONNECTIONS;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SymphonyRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close().block(Duration.ofSeconds(10));
        }
    }

    private SymphonyRuntime start(SymphonyRedisConfig.Builder config) {
        SymphonyObservability observability = SymphonyObservability.builder(meters).build();
        runtime = SymphonyRuntime.create(observability.instrument(config.keyspaceEvents(false)).build())
                .block(Duration.ofSeconds(30));
        return runtime;
    }

    private double active(String pool) {
        return meters.get("symphony.redis.connections.active").tag("pool", pool).gauge().value();
    }

    private double count(String name, String pool) {
        return meters.find(name).tag("pool", pool).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void commandLatencies_carryThePoolOfTheirConnection(PrivateRedisServer server) {
        start(SymphonyRedisConfig.builder().url(server.uri()));
        await().atMost(WAIT).until(() -> active("user") == PER_TARGET && active("default") == PER_TARGET);

        runtime.ops().onPool("user").set("k", "v").as(StepVerifier::create).expectNext(true).verifyComplete();
        runtime.ops().ping().as(StepVerifier::create).expectNext("PONG").verifyComplete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(meters.get("lettuce.command.completion").tags("pool", "user", "command", "SET").timer()
                    .count()).isEqualTo(1);
            assertThat(meters.get("lettuce.command.completion").tags("pool", "default", "command", "PING").timer()
                    .count()).isEqualTo(1);
        });
        assertThat(meters.find("lettuce.command.completion").tags("pool", "default", "command", "SET").timer())
                .as("the SET ran on the user pool's connection only").isNull();
        assertThat(meters.get("lettuce.command.firstresponse").tags("pool", "user").timers()).isNotEmpty();
        assertThat(meters.get("symphony.redis.connections.active").tag("pool", "user").gauge().getId()
                .getTag("db")).isEqualTo("11");
    }

    @Test
    void aKilledConnection_isCountedAsAReconnect_andTheStateGaugeFollows(PrivateRedisServer server) {
        start(SymphonyRedisConfig.builder().url(server.uri()));
        await().atMost(WAIT).until(() -> active("user") == PER_TARGET);
        assertThat(meters.find("symphony.redis.connections.reconnects").counter()).isNull();

        String address = Arrays.stream(server.sync(0).clientList().split("\n"))
                .filter(line -> line.contains(" db=11 "))
                .map(line -> line.replaceAll(".*\\baddr=(\\S+).*", "$1"))
                .findFirst().orElseThrow();
        server.sync(0).clientKill(address);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("symphony.redis.connections.reconnects", "user")).isEqualTo(1);
            assertThat(active("user")).isEqualTo(PER_TARGET);
        });
        assertThat(count("symphony.redis.connections.disconnects", "user")).isEqualTo(1);
        assertThat(meters.find("symphony.redis.connections.reconnects").tag("pool", "default").counter()).isNull();
        runtime.ops().onPool("user").get("k").as(StepVerifier::create).verifyComplete();
    }

    @Test
    void aStarvedPooledPool_showsItsWaitingBorrower_andCountsTheTimeout(PrivateRedisServer server) throws Exception {
        start(SymphonyRedisConfig.builder().url(server.uri()).connectionStrategy(ConnectionStrategy.POOLED)
                .poolSize(1).poolAcquireTimeout(Duration.ofMillis(500)));
        assertThat(meters.get("symphony.redis.pool.size").tag("pool", "default").gauge().value()).isEqualTo(1);
        // the pool's only connection is held by a blocking pop for 3 s
        CompletableFuture<?> holder = runtime.connections()
                .withCommands("default", commands -> commands.blpop(3, "obs:nothing")).toFuture();
        await().atMost(WAIT).until(() ->
                meters.get("symphony.redis.pool.acquired").tag("pool", "default").gauge().value() == 1);

        CompletableFuture<String> starved = runtime.ops().ping().toFuture();
        await().atMost(WAIT).until(() ->
                meters.get("symphony.redis.pool.pending").tag("pool", "default").gauge().value() == 1);
        assertThat(meters.get("symphony.redis.pool.idle").tag("pool", "default").gauge().value()).isZero();

        assertThatThrownBy(() -> starved.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(PoolExhaustedException.class);
        Timer exhausted = meters.get("symphony.redis.pool.acquire").tags("pool", "default", "outcome", "exhausted")
                .timer();
        assertThat(exhausted.count()).isEqualTo(1);
        assertThat(exhausted.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(400);
        assertThat(meters.get("symphony.redis.pool.pending").tag("pool", "default").gauge().value()).isZero();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(meters.get("symphony.redis.pool.acquire").tags("pool", "default", "outcome", "success").timer()
                .count()).isEqualTo(1);
    }
}
