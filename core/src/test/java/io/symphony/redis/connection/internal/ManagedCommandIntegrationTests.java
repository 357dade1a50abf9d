package io.symphony.redis.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.RuntimeClosedException;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link ConnectionManager#withCommands(String, Function, Function)} against a real server, on every strategy: each
 * subscription builds its command, and every failure (a Redis error reply, an action that throws, a closed manager)
 * reaches the caller through the translation.
 */
class ManagedCommandIntegrationTests {

    private static final Function<Throwable, Throwable> TRANSLATE =
            error -> new IllegalStateException("translated: " + error.getMessage(), error);

    private final TestRedis redis = TestRedis.shared();
    private SymphonyRuntime runtime;
    private ConnectionManager manager;
    private final String key = "managed-command:" + UUID.randomUUID();

    void open(ConnectionStrategy strategy) {
        runtime = Objects.requireNonNull(SymphonyRuntime.create(SymphonyRedisConfig.builder().url(redis.uri())
                .connectionStrategy(strategy).keyspaceEvents(false).build()).block(Duration.ofSeconds(10)));
        manager = (ConnectionManager) runtime.connections();
    }

    @BeforeEach
    void clean() {
        redis.sync(15).del(key);
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close().block(Duration.ofSeconds(10));
        }
        redis.sync(15).del(key);
    }

    @ParameterizedTest
    @EnumSource(ConnectionStrategy.class)
    void eachSubscriptionBuildsAndSendsItsOwnCommand(ConnectionStrategy strategy) {
        open(strategy);
        AtomicInteger built = new AtomicInteger();
        Mono<Long> increment = manager.withCommands("default", c -> {
            built.incrementAndGet();
            return c.incr(key);
        }, TRANSLATE);

        StepVerifier.create(increment.then(increment)).expectNext(2L).verifyComplete();
        assertThat(built).hasValue(2);
        assertThat(redis.sync(15).get(key)).isEqualTo("2");
    }

    @ParameterizedTest
    @EnumSource(ConnectionStrategy.class)
    void redisErrorReply_reachesTheCallerTranslated(ConnectionStrategy strategy) {
        open(strategy);
        redis.sync(15).hset(key, "field", "value");

        StepVerifier.create(manager.withCommands("default", c -> c.incr(key), TRANSLATE))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("translated: WRONGTYPE"))
                .verify(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(ConnectionStrategy.class)
    void actionThatThrows_isAnErrorSignalTranslated_notAThrow(ConnectionStrategy strategy) {
        open(strategy);
        Mono<String> command = manager.withCommands("default", c -> {
            throw new IllegalArgumentException("cannot build");
        }, TRANSLATE);

        StepVerifier.create(command)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                        .hasMessage("translated: cannot build")
                        .hasCauseInstanceOf(IllegalArgumentException.class))
                .verify(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(ConnectionStrategy.class)
    void commandAssembledBeforeClose_failsAsClosedThroughTheTranslation(ConnectionStrategy strategy) {
        open(strategy);
        AtomicInteger built = new AtomicInteger();
        Mono<String> ping = manager.withCommands("default", c -> {
            built.incrementAndGet();
            return c.ping();
        }, TRANSLATE);
        runtime.close().block(Duration.ofSeconds(10));

        StepVerifier.create(ping)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                        .hasCauseInstanceOf(RuntimeClosedException.class)
                        .hasMessageContaining("no command can run on pool 'default'"))
                .verify(Duration.ofSeconds(10));
        assertThat(built).as("no command is built once closed").hasValue(0);
        runtime = null;
    }
}
