package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Batched claims and acks on a real server: scripts per trigger counted with {@code INFO commandstats}, the late
 * events of claims this instance holds cost nothing, and every trigger runs once when acks fail or connections die.
 */
class TriggerBatchingIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ListenerFixture fx = new ListenerFixture(Topology.STANDALONE);

    @AfterEach
    void close() {
        fx.close();
    }

    /** Set {@code n} triggers all due at one instant, {@code leadMs} from now; fails if writing took longer. */
    private static void setBurst(RedisTrigger triggers, String action, int n, long leadMs) {
        long dueAt = System.currentTimeMillis() + leadMs;
        Flux.range(0, n)
                .flatMap(i -> Mono.defer(() -> triggers.set(action, "id:" + i,
                        Duration.ofMillis(Math.max(1, dueAt - System.currentTimeMillis())))), 64)
                .blockLast(Duration.ofSeconds(60));
        assertThat(System.currentTimeMillis()).as("all written before they come due").isLessThan(dueAt);
    }

    private void assertNothingLeft(SymphonyRuntime runtime) {
        assertThat(fx.zcard(RedisTrigger.dueIndexKey(runtime.keys()))).as("due-index").isZero();
        assertThat(fx.zcard(RedisTrigger.indexKey(runtime.keys(), "inflight"))).as("in flight").isZero();
        assertThat(fx.hlen(RedisTrigger.indexKey(runtime.keys(), "tokens"))).as("tokens").isZero();
    }

    @Test
    void burstOf3000_costsFarLessThanOneScriptPerTrigger() {
        int n = 3_000;
        SymphonyRuntime runtime = fx.runtime();
        TriggerListener listener = fx.listener(runtime, fx.countingRegistry("burst"));
        listener.start().block(Duration.ofSeconds(10));
        setBurst(fx.triggers(runtime, "acme"), "burst", n, 4_000);
        fx.resetStats(); // the producer's SET scripts are not the listener's

        await().atMost(WAIT).until(() -> fx.counts.size() == n);
        listener.stop().block(Duration.ofSeconds(30));
        long scripts = fx.scriptCalls();

        assertThat(fx.allOnce(n)).isTrue();
        assertNothingLeft(runtime);
        assertThat(listener.failedAcks()).isZero();
        // Before batching: about 2.8 listener scripts per trigger (a claim per event, an ack per trigger, sweeps of
        // as many claims as free slots). Now a sweep claims 500, acks share scripts, and own events cost nothing.
        System.out.printf("burst of %d: %d listener scripts (%.3f per trigger)%n", n, scripts, (double) scripts / n);
        assertThat(scripts).isLessThanOrEqualTo(n / 2);
    }

    @Test
    void burstOf5000_twoInstances_eachTriggerHandledOnce_andNothingLeftAfterStop() {
        int n = 5_000;
        TriggerListener a = fx.listener(fx.runtime(), fx.countingRegistry("both"));
        TriggerListener b = fx.listener(fx.runtime(), fx.countingRegistry("both"));
        a.start().block(Duration.ofSeconds(10));
        b.start().block(Duration.ofSeconds(10));
        SymphonyRuntime writer = fx.runtimes.get(0);
        setBurst(fx.triggers(writer, "acme"), "both", n, 5_000);

        await().atMost(WAIT).until(() -> fx.counts.size() == n);
        a.stop().block(Duration.ofSeconds(30));
        b.stop().block(Duration.ofSeconds(30));

        assertThat(fx.duplicates()).isZero();
        assertThat(fx.allOnce(n)).isTrue();
        assertThat(a.fireLag().count() + b.fireLag().count()).isEqualTo(n);
        assertNothingLeft(writer);
        assertThat(a.failedAcks() + b.failedAcks()).isZero();
    }

    @Test
    void lateEventsOfOwnClaims_costNoScript_butEventsOfUnclaimedKeysStillClaim() {
        int n = 300;
        int raw = 50;
        SymphonyRuntime runtime = fx.runtime();
        // Index entries due now whose keys expire 8 s later: the first sweep claims all of them long before their
        // expiry events. Keys without an index entry (written as the original does) expire 3 s after those: only
        // their events can claim them. Sweeps every 60 s, so no sweep runs while the events arrive.
        TriggerListenerOptions rare = TriggerListenerOptions.builder().sweepInterval(Duration.ofSeconds(60)).build();
        String due = RedisTrigger.dueIndexKey(runtime.keys());
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            String key = runtime.keys().triggerKey("acme", "late", "swept:" + i);
            fx.setRaw(key, "trigger:x", Duration.ofMillis(8_000));
            fx.zadd(due, now, key);
        }
        for (int i = 0; i < raw; i++) {
            fx.setRaw(runtime.keys().triggerKey("acme", "late", "raw:" + i), "trigger:x", Duration.ofMillis(11_000));
        }
        TriggerListener owner = fx.listener(runtime, fx.countingRegistry("late"), rare);
        owner.start().block(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> fx.counts.size() == n);
        await().atMost(WAIT).until(() -> fx.zcard(RedisTrigger.indexKey(runtime.keys(), "inflight")) == 0);
        ExpiryEvents probe = ExpiryEvents.create(runtime);
        Set<String> expired = ConcurrentHashMap.newKeySet();
        Disposable listening = probe.events().filter(event -> event.identifier().startsWith("swept:"))
                .subscribe(event -> expired.add(event.key()));
        try {
            probe.states().filter(state -> state == ListenerState.CONNECTED).blockFirst(Duration.ofSeconds(10));
            fx.resetStats();
            assertThat(expired).as("no key expired before the stats were reset").isEmpty();

            await().atMost(WAIT).until(() -> expired.size() == n);
            await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
            assertThat(fx.scriptCalls()).as("scripts for %d late events of own claims", n).isZero();
        } finally {
            listening.dispose();
            probe.close().block(Duration.ofSeconds(5));
        }

        // The same listener still claims what only an event can announce, in batches.
        await().atMost(WAIT).until(() -> fx.counts.size() == n + raw);
        assertThat(fx.scriptCalls()).as("event claims and their acks").isBetween(1L, 2L * raw);
        assertThat(fx.allOnce(n + raw)).isTrue();
    }

    @Test
    void ackScriptsStalledLongerThanAnAttempt_areRetried_andEveryTriggerRunsOnce() {
        int n = 400;
        AtomicInteger handled = new AtomicInteger();
        TriggerRegistry registry = TriggerRegistry.create(RetryPolicy.builder().maxAttempts(1)
                .timeout(Duration.ofSeconds(1)).build(), 64, false);
        registry.on("stall", event -> Mono.delay(Duration.ofMillis(20)).then(Mono.fromRunnable(() -> {
            handled.incrementAndGet();
            fx.counts.computeIfAbsent(event.identifier(), id -> new AtomicInteger()).incrementAndGet();
        })));
        // The sweep waits out the pause (no timeout, so it strands no claims); only the ack attempts (3 s) time out.
        TriggerListenerOptions options = TriggerListenerOptions.builder().sweepTimeout(Duration.ofSeconds(20)).build();
        SymphonyRuntime runtime = fx.runtime();
        TriggerListener listener = fx.listener(runtime, registry, options);
        listener.start().block(Duration.ofSeconds(10));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger runnerLog = (Logger) LoggerFactory.getLogger(AckBatcher.class);
        logs.start();
        runnerLog.addAppender(logs);
        try {
            RedisTrigger triggers = fx.triggers(runtime, "acme");
            Flux.range(0, n).flatMap(i -> triggers.set("stall", "id:" + i, Duration.ofMillis(300 + i * 5L)), 32)
                    .blockLast(Duration.ofSeconds(30));
            await().atMost(WAIT).until(() -> handled.get() >= 50);
            fx.pauseWrites(Duration.ofMillis(3_500)); // every script waits: acks time out and are retried

            await().atMost(WAIT).until(() -> fx.counts.size() == n);
            listener.stop().block(Duration.ofSeconds(60));
        } finally {
            runnerLog.detachAppender(logs);
        }

        assertThat(logs.list).as("an ack attempt timed out during the pause")
                .anySatisfy(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.WARN);
                    assertThat(event.getFormattedMessage())
                            .contains("Acknowledging", "handled trigger(s) failed", "TimeoutException", "retrying");
                });
        assertThat(fx.allOnce(n)).isTrue();
        assertThat(handled).hasValue(n);
        assertThat(listener.failedAcks()).isZero();
        assertNothingLeft(runtime);
    }

    @Test
    void commandConnectionsKilledWhileAcking_everyTriggerRunsOnce() {
        int n = 1_000;
        TriggerRegistry registry = TriggerRegistry.create(RetryPolicy.builder().maxAttempts(1)
                .timeout(Duration.ofSeconds(1)).build(), 64, false);
        registry.on("kill", event -> Mono.fromRunnable(() -> fx.counts
                .computeIfAbsent(event.identifier(), id -> new AtomicInteger()).incrementAndGet()));
        // A short lease: a claim whose reply died with its connection is re-delivered within seconds.
        TriggerListenerOptions options = TriggerListenerOptions.builder().lease(Duration.ofSeconds(5)).build();
        SymphonyRuntime runtime = fx.runtime();
        TriggerListener listener = fx.listener(runtime, registry, options);
        listener.start().block(Duration.ofSeconds(10));
        RedisTrigger triggers = fx.triggers(runtime, "acme");
        Flux.range(0, n).flatMap(i -> triggers.set("kill", "id:" + i, Duration.ofMillis(500 + i * 2L)), 32)
                .blockLast(Duration.ofSeconds(30));

        for (int round = 0; round < 12; round++) {
            await().pollDelay(Duration.ofMillis(150)).until(() -> true);
            fx.killCommandClients();
        }
        await().atMost(WAIT).until(() -> fx.counts.size() == n);
        listener.stop().block(Duration.ofSeconds(60));

        assertThat(fx.duplicates()).isZero();
        assertThat(fx.allOnce(n)).isTrue();
        assertThat(listener.failedAcks()).isZero();
        assertNothingLeft(runtime);
    }
}
