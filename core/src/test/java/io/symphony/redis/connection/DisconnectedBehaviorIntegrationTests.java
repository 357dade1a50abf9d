package io.symphony.redis.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.RedisCommandException;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.RedisTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** What a command does while its connection is down, with each setting of rejectCommandsWhileDisconnected. */
@RedisTest
class DisconnectedBehaviorIntegrationTests {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private SymphonyRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close().block(Duration.ofSeconds(10));
        }
    }

    private SymphonyRuntime start(PrivateRedisServer server, boolean reject) {
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(server.uri()).keyspaceEvents(false)
                .commandTimeout(COMMAND_TIMEOUT).rejectCommandsWhileDisconnected(reject).build())
                .block(Duration.ofSeconds(10));
        return runtime;
    }

    @Test
    void reject_failsAtOnceWhileRedisIsDown_andWorksAgainAfterRestart(PrivateRedisServer server) {
        start(server, true);
        runtime.ops().ping().as(StepVerifier::create).expectNext("PONG").verifyComplete();

        server.kill();
        // Lettuce notices the closed socket within milliseconds; from then on commands are rejected.
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.ops().ping().onErrorReturn("failed")
                .block(COMMAND_TIMEOUT.plusSeconds(1)).equals("failed"));
        long start = System.nanoTime();
        runtime.ops().ping()
                .as(StepVerifier::create)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(RedisCommandException.class)
                        .hasMessage("PING failed in pool 'default': Currently not connected. Commands are rejected."))
                .verify(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("rejected well under the %s command timeout", COMMAND_TIMEOUT)
                .isLessThan(Duration.ofMillis(500));

        server.restart();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> runtime.ops().ping()
                .as(StepVerifier::create).expectNext("PONG").verifyComplete());
    }

    @Test
    void accept_default_queuesWhileRedisIsDown_andCompletesAfterRestart(PrivateRedisServer server)
            throws Exception {
        assertThat(SymphonyRedisConfig.DEFAULT_REJECT_COMMANDS_WHILE_DISCONNECTED).isFalse();
        start(server, false);
        runtime.ops().ping().as(StepVerifier::create).expectNext("PONG").verifyComplete();

        server.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> !runtime.ops().ping().toFuture()
                .completeOnTimeout("queued", 300, TimeUnit.MILLISECONDS).get().equals("PONG"));
        CompletableFuture<String> queued = runtime.ops().ping().toFuture();
        assertThat(queued).as("queued while down, not failed").isNotDone();

        server.restart();
        assertThat(queued.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("PONG");
    }
}
