package io.symphony.redis.connection.internal;

import io.symphony.redis.RuntimeClosedException;
import io.symphony.redis.connection.PoolExhaustedException;
import io.symphony.redis.connection.internal.PooledTarget;
import io.symphony.redis.connection.internal.ConnectionManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The POOLED strategy on reactor-pool against a real server: limits, lease release, and close racing acquire. */
@RedisTest
class PooledTargetIntegrationTests {

    private static ClientResources resources;
    private final TestRedis redis;
    private final List<ConnectionManager> opened = new ArrayList<>();
    private final List<Disposable> holders = new ArrayList<>();

    PooledTargetIntegrationTests(TestRedis redis) {
        this.redis = redis;
    }

    @BeforeAll
    static void startResources() {
        resources = DefaultClientResources.create();
    }

    @AfterAll
    static void stopResources() {
        resources.shutdown(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeAll() {
        holders.forEach(Disposable::dispose);
        opened.forEach(manager -> manager.closeLater().block(Duration.ofSeconds(10)));
    }

    private ConnectionManager open(SymphonyRedisConfig.Builder builder) {
        ConnectionManager manager = ConnectionManager.open(builder.url(redis.uri())
                        .connectionStrategy(ConnectionStrategy.POOLED).keyspaceEvents(false).build(), resources)
                .block(Duration.ofSeconds(10));
        opened.add(manager);
        return manager;
    }

    /** Borrow a connection of {@code alias} and keep it until the test ends. */
    private void hold(ConnectionManager manager, String alias) {
        CountDownLatch borrowed = new CountDownLatch(1);
        holders.add(manager.withCommands(alias, c -> Mono.fromRunnable(borrowed::countDown).then(Mono.never()))
                .subscribe());
        await().atMost(Duration.ofSeconds(5)).until(() -> borrowed.getCount() == 0);
    }

    private static PooledTarget pool(ConnectionManager manager, String alias) {
        return (PooledTarget) manager.target(alias);
    }

    @Test
    void starvedPool_nextBorrowerTimesOutNamingPoolAndAcquireTimeout() {
        ConnectionManager manager = open(SymphonyRedisConfig.builder().poolSize(2)
                .poolAcquireTimeout(Duration.ofMillis(300)));
        hold(manager, "user");
        hold(manager, "user");

        long start = System.nanoTime();
        manager.withCommands("user", c -> c.ping())
                .as(StepVerifier::create)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(PoolExhaustedException.class)
                        .hasMessage("No connection of pool 'user' became free within the acquire timeout of PT0.3S "
                                + "(all 2 connections borrowed; see poolSize and poolAcquireTimeout)")
                        .satisfies(e -> assertThat(((PoolExhaustedException) e).pool()).isEqualTo("user")))
                .verify(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        holders.forEach(Disposable::dispose);
        manager.withCommands("user", c -> c.ping()).as(StepVerifier::create)
                .expectNext("PONG").verifyComplete();
    }

    @Test
    void pendingLimit_turnsTheNextBorrowerAwayAtOnce() {
        ConnectionManager manager = open(SymphonyRedisConfig.builder().poolSize(1).poolMaxPendingAcquires(2)
                .poolAcquireTimeout(Duration.ofSeconds(30)));
        hold(manager, "default");
        holders.add(manager.withCommands("default", c -> c.ping()).subscribe());
        holders.add(manager.withCommands("default", c -> c.ping()).subscribe());
        await().atMost(Duration.ofSeconds(5)).until(() -> pool(manager, "default").pending() == 2);

        long start = System.nanoTime();
        manager.withCommands("default", c -> c.ping())
                .as(StepVerifier::create)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(PoolExhaustedException.class)
                        .hasMessage("Pool 'default' turned a caller away: all 1 connections are borrowed and 2 "
                                + "callers already wait, the pending-acquire limit (see poolMaxPendingAcquires)"))
                .verify(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void everyLease_isReleasedOnCompleteErrorAndCancel() {
        ConnectionManager manager = open(SymphonyRedisConfig.builder().poolSize(3)
                .poolAcquireTimeout(Duration.ofSeconds(5)));
        String key = "pool-test:" + java.util.UUID.randomUUID();

        Flux.range(0, 600)
                .flatMap(i -> switch (i % 3) {
                    case 0 -> manager.withCommands("default", c -> c.incr(key)).then();
                    case 1 -> manager.withCommands("default", c -> c.incr(key)
                                    .then(Mono.<Long>error(new IllegalStateException("boom"))))
                            .onErrorResume(IllegalStateException.class, e -> Mono.empty()).then();
                    // Cancelled while holding (never) or while waiting for a connection: both must give it back.
                    default -> manager.withCommandsMany("default", c -> c.incr(key).thenMany(Flux.never()))
                            .take(Duration.ofMillis(i % 7)).then();
                }, 32)
                .then()
                .as(StepVerifier::create)
                .verifyComplete();

        await().atMost(Duration.ofSeconds(5)).until(() -> pool(manager, "default").borrowed() == 0);
        assertThat(redis.sync(15).get(key)).isNotNull();
        redis.sync(15).del(key);
    }

    @Test
    void close_racingAcquire_failsEveryBorrowerAndHangsNone() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 40; round++) {
                ConnectionManager manager = open(SymphonyRedisConfig.builder().poolSize(1)
                        .poolAcquireTimeout(Duration.ofSeconds(60)));
                hold(manager, "default");
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<String>> borrowers = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    borrowers.add(CompletableFuture.supplyAsync(() -> {
                        awaitGate(go);
                        return manager.withCommands("default", c -> c.ping()).toFuture();
                    }, threads).thenCompose(f -> f));
                }
                CompletableFuture<Void> close = CompletableFuture.supplyAsync(() -> {
                    awaitGate(go);
                    return manager.closeLater().toFuture();
                }, threads).thenCompose(f -> f);
                go.countDown();

                close.get(10, TimeUnit.SECONDS);
                for (CompletableFuture<String> borrower : borrowers) {
                    // A borrower that got in before close may have been served (PONG) or failed; none may hang.
                    assertThat(borrower).as("round %d", round)
                            .failsWithin(Duration.ofSeconds(5))
                            .withThrowableThat()
                            .havingRootCause()
                            .isInstanceOf(RuntimeClosedException.class)
                            .withMessageContaining("closed");
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitGate(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
