package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Cancelling {@link TriggerListener#start()} before it completes stops what it started, a cancel after it completed
 * changes nothing, and an orderly stop and runtime close log nothing at WARN or above (on a private standalone
 * server).
 */
@RedisTest
class TriggerListenerLifecycleIntegrationTests {

    private final ListenerFixture fx = new ListenerFixture(Topology.STANDALONE);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void close() {
        root.detachAppender(logs);
        fx.close();
    }

    private long pubSubClients() {
        return fx.subscribers("__keyevent@8__:expired").values().stream().mapToLong(Long::longValue).sum();
    }

    private List<String> warnings() {
        return logs.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(event -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage())
                .toList();
    }

    @Test
    void cancelledStart_closesItsSubscription_andAllowsANewStart() {
        TriggerListener listener = fx.listener(fx.runtime(), fx.countingRegistry("cancel"));

        StepVerifier.create(listener.start()).thenCancel().verify(Duration.ofSeconds(40));

        await().atMost(Duration.ofSeconds(10)).until(() -> pubSubClients() == 0);
        listener.start().as(StepVerifier::create).verifyComplete();
        assertThat(pubSubClients()).isEqualTo(1);
    }

    @Test
    void cancelledStart_beforeItCompletes_stopsTheSweeperAndTheSubscription() {
        SymphonyRuntime runtime = fx.runtime();
        TriggerListener listener = fx.listener(runtime, fx.countingRegistry("cancel"));
        RedisTrigger triggers = fx.triggers(runtime, "acme");

        // The sweeper runs from the subscription on; start() completes only once SUBSCRIBE is confirmed, so this
        // cancel comes while the first sweep and the pub/sub connect are in flight.
        StepVerifier.create(listener.start()).thenCancel().verify(Duration.ofSeconds(40));

        await().atMost(Duration.ofSeconds(10)).until(() -> pubSubClients() == 0);
        triggers.set("cancel", "late", Duration.ofMillis(20)).block(Duration.ofSeconds(5));
        // No sweeper claims the due entry: it stays in the due-index for the next listener.
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .until(() -> listener.pending().block(Duration.ofSeconds(5)) == 1L && fx.counts.isEmpty());
    }

    @Test
    void cancelAfterStartCompleted_isANoOp_theListenerKeepsRunning() {
        SymphonyRuntime runtime = fx.runtime();
        TriggerListener listener = fx.listener(runtime, fx.countingRegistry("kept"));
        RedisTrigger triggers = fx.triggers(runtime, "acme");
        AtomicReference<Subscription> upstream = new AtomicReference<>();
        AtomicReference<String> outcome = new AtomicReference<>();

        // A CoreSubscriber (as Reactor's own operators are; a plain Subscriber gets wrapped in one that swallows a
        // late cancel) keeps its Subscription after onComplete and cancels it later, as StepVerifier does on an
        // unexpected completion and Mono.when does to its completed sources when a sibling fails.
        listener.start().subscribe(new CoreSubscriber<Void>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                upstream.set(subscription);
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Void ignored) {
            }

            @Override
            public void onError(Throwable error) {
                outcome.set("error " + error);
            }

            @Override
            public void onComplete() {
                outcome.set("complete");
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isEqualTo("complete");
        assertThat(pubSubClients()).isEqualTo(1);

        upstream.get().cancel();

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> pubSubClients() == 1);
        triggers.set("kept", "after-cancel", Duration.ofMillis(20)).block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.allOnce(1));
        assertThat(fx.counts).containsOnlyKeys("after-cancel");
        listener.stop().as(StepVerifier::create).verifyComplete();
        assertThat(pubSubClients()).isZero();
    }

    @Test
    void orderlyStopAndClose_logNothingAtWarn() {
        SymphonyRuntime runtime = fx.runtime();
        TriggerListener listener = fx.listener(runtime, fx.countingRegistry("quiet"));
        RedisTrigger triggers = fx.triggers(runtime, "acme");
        listener.start().block(Duration.ofSeconds(10));
        Flux.range(0, 20).flatMap(i -> triggers.set("quiet", "id:" + i, Duration.ofMillis(10)), 8)
                .then().block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.allOnce(20));
        logs.start();
        root.addAppender(logs);

        listener.stop().as(StepVerifier::create).verifyComplete();
        runtime.close().as(StepVerifier::create).verifyComplete();
        fx.close();

        assertThat(warnings()).as("log lines at WARN or above during stop and close").isEmpty();
    }
}
