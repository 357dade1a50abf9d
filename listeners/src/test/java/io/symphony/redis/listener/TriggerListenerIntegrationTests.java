package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The listener suite, run on a private standalone server per test and on the shared local Redis Cluster. */
@OnEveryTopology
class TriggerListenerIntegrationTests {

    private final ListenerFixture fx;

    TriggerListenerIntegrationTests(Topology topology) {
        fx = new ListenerFixture(topology);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static void setMany(RedisTrigger triggers, String action, int n, int baseMs, int spreadMs) {
        Flux.range(0, n)
                .flatMap(i -> triggers.set(action, "id:" + i, Duration.ofMillis(baseMs + (long) i * spreadMs / n)), 32)
                .then().block(Duration.ofSeconds(30));
    }

    private void awaitExactlyOnce(int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.counts.size() == n);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> fx.allOnce(n));
        assertThat(fx.duplicates()).isZero();
    }

    @Test
    void events_carryIdentifierTenantAndActionExactlyAsGiven() {
        SymphonyRuntime runtime = fx.runtime();
        ExpiryEvents events = ExpiryEvents.create(runtime);
        String tenant = "t:é*[x]{y}";
        try {
            StepVerifier.create(events.events().take(1))
                    .then(() -> {
                        // An event published before the SUBSCRIBE (on every primary) is confirmed is not delivered.
                        events.states().filter(state -> state == ListenerState.CONNECTED)
                                .blockFirst(Duration.ofSeconds(10));
                        fx.triggers(runtime, tenant).set("remind:me?", "user:42 %", Duration.ofMillis(20))
                                .block(Duration.ofSeconds(5));
                    })
                    .assertNext(event -> {
                        assertThat(event.tenant()).isEqualTo(tenant);
                        assertThat(event.action()).isEqualTo("remind:me?");
                        assertThat(event.identifier()).isEqualTo("user:42 %");
                        assertThat(event.pool()).isEqualTo("expiry");
                        assertThat(event.key()).isEqualTo(runtime.keys().triggerKey(tenant, "remind:me?",
                                "user:42 %"));
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        } finally {
            events.close().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void expiryOnEveryPrimary_isHeard_andOnlyPrimariesAreSubscribed() {
        SymphonyRuntime runtime = fx.runtime();
        ExpiryEvents events = ExpiryEvents.create(runtime);
        Map<String, String> keyPerPrimary = fx.triggerKeyPerPrimary("acme", "every");
        Set<String> heard = ConcurrentHashMap.newKeySet();
        Disposable listening = events.events().subscribe(event -> heard.add(event.key()));
        try {
            events.states().filter(state -> state == ListenerState.CONNECTED).blockFirst(Duration.ofSeconds(10));
            assertThat(fx.subscribers(events.channel())).allSatisfy((node, count) ->
                    assertThat(count).as(node).isEqualTo(node.startsWith("primary") ? 1L : 0L));
            // Keys without a due-index entry: only the primary's keyspace event can report them.
            keyPerPrimary.values().forEach(key -> fx.setRaw(key, "trigger:x", Duration.ofMillis(30)));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(heard).containsAll(keyPerPrimary.values()));
        } finally {
            listening.dispose();
            events.close().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void pubsubKilledWhile500ComeDue_everyOneHandledOnce() {
        SymphonyRuntime runtime = fx.runtime();
        fx.listener(runtime, fx.countingRegistry("kill")).start().block(Duration.ofSeconds(10));
        setMany(fx.triggers(runtime, "acme"), "kill", 500, 200, 2000);
        for (int i = 0; i < 5; i++) {
            int round = i;
            await().pollDelay(Duration.ofMillis(300)).until(() -> round >= 0);
            fx.killPubSubClients();
        }
        awaitExactlyOnce(500);
    }

    @Test
    void stoppedWhile500ComeDue_thenStarted_everyOneHandledOnce() {
        SymphonyRuntime runtime = fx.runtime();
        TriggerRegistry registry = fx.countingRegistry("stop");
        TriggerListener first = fx.listener(runtime, registry);
        first.start().block(Duration.ofSeconds(10));
        setMany(fx.triggers(runtime, "acme"), "stop", 500, 300, 1500);
        first.stop().block(Duration.ofSeconds(10));
        int before = fx.counts.size();
        await().pollDelay(Duration.ofMillis(2000)).until(() -> true);
        assertThat(fx.counts.size()).isEqualTo(before);

        fx.listener(runtime, registry).start().block(Duration.ofSeconds(10));
        awaitExactlyOnce(500);
    }

    @Test
    void startAfterStop_failsClearly_insteadOfWaitingForAClosedStream() {
        TriggerListener listener = fx.listener(fx.runtime(), fx.countingRegistry("again"));
        listener.start().block(Duration.ofSeconds(10));
        listener.stop().block(Duration.ofSeconds(10));

        listener.start().as(StepVerifier::create)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("stopped"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void threeInstances2000Triggers_eachHandledOnce() {
        for (int i = 0; i < 3; i++) {
            fx.listener(fx.runtime(), fx.countingRegistry("three")).start().block(Duration.ofSeconds(10));
        }
        setMany(fx.triggers(fx.runtimes.get(0), "acme"), "three", 2000, 200, 2000);
        awaitExactlyOnce(2000);
    }

    @Test
    void pythonStyleKeyWithoutDueEntry_isHandledOnceViaTheEvent() {
        fx.listener(fx.runtime(), fx.countingRegistry("py")).start().block(Duration.ofSeconds(10));
        fx.listener(fx.runtime(), fx.countingRegistry("py")).start().block(Duration.ofSeconds(10));
        fx.setRaw(fx.keys.triggerKey("acme", "py", "user_42"), "trigger:2026-11-25T21:54:46.732494",
                Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.counts.containsKey("user_42"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> fx.allOnce(1));
    }

    @Test
    void resetBeforeFiring_firesOnceAtTheNewTime_andCancelledNeverFires() {
        SymphonyRuntime runtime = fx.runtime();
        List<TriggerEvent> seen = new CopyOnWriteArrayList<>();
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on("debounce", event -> Mono.fromRunnable(() -> seen.add(event)));
        fx.listener(runtime, registry).start().block(Duration.ofSeconds(10));
        RedisTrigger triggers = fx.triggers(runtime, "acme");

        triggers.set("debounce", "a", Duration.ofMillis(300)).block(Duration.ofSeconds(5));
        triggers.set("debounce", "gone", Duration.ofMillis(300)).block(Duration.ofSeconds(5));
        long reset = System.currentTimeMillis();
        triggers.set("debounce", "a", Duration.ofMillis(1200)).block(Duration.ofSeconds(5));
        triggers.delete("debounce", "gone").block(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        long fired = System.currentTimeMillis();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> seen.size() == 1);
        assertThat(seen.get(0).identifier()).isEqualTo("a");
        assertThat(fired - reset).isGreaterThanOrEqualTo(1100);
        assertThat(seen.get(0).dueAt().toEpochMilli()).isGreaterThanOrEqualTo(reset + 1100);
    }

    @Test
    void failingAndSlowHandlers_areRetriedThenDeadLettered_othersKeepRunning() {
        SymphonyRuntime runtime = fx.runtime();
        AtomicInteger throwing = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger();
        AtomicInteger fine = new AtomicInteger();
        TriggerRegistry registry = TriggerRegistry.create(RetryPolicy.builder().maxAttempts(3)
                .timeout(Duration.ofMillis(200)).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build(), 16,
                false);
        registry.on("throws", event -> {
            throwing.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        registry.on("slow", event -> Mono.fromRunnable(slow::incrementAndGet).then(Mono.never()));
        registry.on("fine", event -> Mono.fromRunnable(fine::incrementAndGet));
        TriggerListener listener = fx.listener(runtime, registry);
        listener.start().block(Duration.ofSeconds(10));
        RedisTrigger triggers = fx.triggers(runtime, "acme");
        triggers.set("throws", "x", Duration.ofMillis(50)).block(Duration.ofSeconds(5));
        triggers.set("slow", "y", Duration.ofMillis(50)).block(Duration.ofSeconds(5));
        setMany(triggers, "fine", 50, 50, 500);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.deadLetters().count().block() == 2L);
        assertThat(throwing.get()).isEqualTo(3);
        assertThat(slow.get()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> fine.get() == 50);
        List<DeadLetter> letters = listener.deadLetters().collectList().block(Duration.ofSeconds(5));
        assertThat(letters).extracting(DeadLetter::action).containsExactlyInAnyOrder("throws", "slow");
        assertThat(letters).allSatisfy(letter -> assertThat(letter.attempts()).isEqualTo(3));
        assertThat(letters).filteredOn(l -> l.action().equals("throws")).first()
                .satisfies(l -> assertThat(l.error()).contains("boom"));

        String id = letters.stream().filter(l -> l.action().equals("throws")).findFirst().orElseThrow().id();
        assertThat(listener.replay(id).block(Duration.ofSeconds(5))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> throwing.get() == 6);
        assertThat(listener.replay("no-such-id").block(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void claimOfADeadInstance_isRedeliveredAfterItsLease() {
        SymphonyRuntime runtime = fx.runtime();
        // One attempt of at most the lease, so the stuck handler is neither retried nor rejected with its lease.
        TriggerRegistry stuck = TriggerRegistry.create(RetryPolicy.builder().maxAttempts(1)
                .timeout(Duration.ofMillis(800)).build(), 4, false);
        AtomicInteger stuckRuns = new AtomicInteger();
        Sinks.Empty<Void> release = Sinks.empty();
        stuck.on("lease", event -> Mono.fromRunnable(stuckRuns::incrementAndGet).then(release.asMono()));
        TriggerListener dying = TriggerListener.create(runtime, stuck,
                TriggerListenerOptions.builder().lease(Duration.ofMillis(800)).build());
        dying.start().block(Duration.ofSeconds(10));
        fx.triggers(runtime, "acme").set("lease", "z", Duration.ofMillis(50)).block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> stuckRuns.get() == 1);
        // the dying instance's connections vanish without acknowledging
        fx.runtimes.remove(runtime);
        runtime.close().block(Duration.ofSeconds(10));
        dying.events().close().block(Duration.ofSeconds(5));

        fx.listener(fx.runtime(), fx.countingRegistry("lease")).start().block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.allOnce(1));
        assertThat(fx.counts).containsKey("z");
        // End the dying instance's pipeline too, else its sweeper keeps failing on the closed runtime for the rest of
        // the test JVM; its late ack must not count as a second run.
        release.tryEmitEmpty();
        dying.stop().block(Duration.ofSeconds(10));
        assertThat(stuckRuns.get()).isEqualTo(1);
        assertThat(fx.allOnce(1)).isTrue();
    }

    @Test
    void duplicateRegistration_isAnError_andUnknownActionsAreCounted() {
        SymphonyRuntime runtime = fx.runtime();
        TriggerRegistry registry = fx.countingRegistry("known");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.on("known", e -> Mono.empty()))
                .isInstanceOf(IllegalStateException.class);
        TriggerListener listener = fx.listener(runtime, registry);
        listener.start().block(Duration.ofSeconds(10));
        fx.triggers(runtime, "acme").set("unknown", "u", Duration.ofMillis(30)).block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.unknownActions() >= 1);
        // LEAVE (the default): the trigger waits in the index for an instance with the handler, never dead-lettered.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> listener.pending().block() == 1L);
        assertThat(listener.deadLetters().count().block(Duration.ofSeconds(5))).isZero();
    }
}
