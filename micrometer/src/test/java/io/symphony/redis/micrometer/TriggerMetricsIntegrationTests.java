package io.symphony.redis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.listener.RetryPolicy;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerListenerOptions;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.listener.UnhandledActions;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.RedisTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The trigger and listener meters after real triggers on a real server with keyspace events: fired by source,
 * retried then dead-lettered, an unknown action, cancelled, and a killed pub/sub connection.
 */
@RedisTest
class TriggerMetricsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SymphonyObservability observability = SymphonyObservability.builder(meters)
            .dueIndexPollInterval(Duration.ofMillis(200)).build();
    private final AtomicInteger handled = new AtomicInteger();
    private PrivateRedisServer server;
    private SymphonyRuntime runtime;
    private TriggerListener listener;

    @BeforeEach
    void start() {
        server = PrivateRedisServer.start("--notify-keyspace-events", "Ex", "--hz", "100");
        runtime = SymphonyRuntime.create(observability.instrument(SymphonyRedisConfig.builder().url(server.uri()))
                .build()).block(Duration.ofSeconds(30));
        TriggerRegistry registry = TriggerRegistry.builder()
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).timeout(Duration.ofSeconds(2))
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build())
                .unhandledActions(UnhandledActions.DEAD_LETTER)
                .build();
        registry.on("remind", event -> Mono.fromRunnable(handled::incrementAndGet));
        registry.on("fail", event -> Mono.error(new IllegalStateException("handler failed on purpose")));
        listener = TriggerListener.create(runtime, registry, observability.instrument(TriggerListenerOptions.builder()
                .sweepInterval(Duration.ofMillis(50))).build());
        listener.start().block(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        listener.stop().block(Duration.ofSeconds(30));
        runtime.close().block(Duration.ofSeconds(10));
        server.close();
    }

    private double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void firedRetriedDeadLetteredUnknownAndCancelledTriggers_areCounted() {
        RedisTrigger triggers = observability.repositories(runtime).trigger("acme");
        Duration soon = Duration.ofMillis(100);
        triggers.set("remind", "u1", soon).as(StepVerifier::create).expectNext(true).verifyComplete();
        triggers.set("remind", "u2", soon).as(StepVerifier::create).expectNext(true).verifyComplete();
        triggers.set("fail", "u3", soon).as(StepVerifier::create).expectNext(true).verifyComplete();
        triggers.set("mystery", "u4", soon).as(StepVerifier::create).expectNext(true).verifyComplete();
        triggers.set("remind", "u5", Duration.ofHours(1)).as(StepVerifier::create).expectNext(true).verifyComplete();
        triggers.delete("remind", "u5").as(StepVerifier::create).expectNext(1L).verifyComplete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("symphony.redis.trigger.dead.letters", "action", "fail", "reason", "handler_failed"))
                    .isEqualTo(1);
            assertThat(count("symphony.redis.trigger.dead.letters", "action", "mystery", "reason", "no_handler"))
                    .isEqualTo(1);
            assertThat(handled).hasValue(2);
        });
        assertThat(count("symphony.redis.trigger.set")).isEqualTo(5);
        assertThat(count("symphony.redis.trigger.cancelled")).isEqualTo(1);
        assertThat(count("symphony.redis.trigger.fired", "action", "remind")).isEqualTo(2);
        assertThat(count("symphony.redis.trigger.fired", "action", "fail")).isEqualTo(1);
        assertThat(meters.find("symphony.redis.trigger.fired").counters())
                .allSatisfy(counter -> assertThat(counter.getId().getTag("source")).isIn("event", "sweep"));
        assertThat(count("symphony.redis.trigger.retries", "action", "fail")).isEqualTo(1);
        assertThat(count("symphony.redis.trigger.unknown.actions", "action", "mystery")).isEqualTo(1);
        assertThat(meters.find("symphony.redis.trigger.fire.lag").tag("action", "remind").timers().stream()
                .mapToLong(Timer::count).sum()).isEqualTo(2);
        assertThat(meters.find("symphony.redis.trigger.handler").tags("action", "remind", "outcome", "success")
                .timers().stream().mapToLong(Timer::count).sum()).isEqualTo(2);
        assertThat(meters.get("symphony.redis.trigger.handler").tags("action", "fail", "outcome", "error")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("symphony.redis.trigger.sweeps").tag("outcome", "success").timer().count())
                .isPositive();
        assertThat(count("symphony.redis.listener.events.received")).isLessThanOrEqualTo(3);
        // the dead-letter counters move before the dead-letter write, the in-flight gauge after it
        await().atMost(WAIT).until(() ->
                meters.get("symphony.redis.trigger.in.flight").tag("namespace", "default").gauge().value() == 0);
        await().atMost(WAIT).until(() ->
                meters.get("symphony.redis.trigger.due").tag("namespace", "default").gauge().value() == 0);
    }

    @Test
    void aKilledPubSubConnection_countsAGap_andTheStateGaugeFollows() {
        await().atMost(WAIT).until(() -> state("connected") == 1);
        assertThat(count("symphony.redis.listener.gaps")).isZero();

        server.sync(8).clientKill(KillArgs.Builder.typePubsub());

        await().atMost(WAIT).until(() -> count("symphony.redis.listener.gaps") == 1);
        await().atMost(WAIT).until(() -> state("connected") == 1);
        assertThat(state("reconnecting")).isZero();
        assertThat(meters.get("symphony.redis.listener.events.dropped").functionCounter().count()).isZero();

        RedisTrigger triggers = observability.repositories(runtime).trigger("acme");
        triggers.set("remind", "after-gap", Duration.ofMillis(50)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();
        await().atMost(WAIT).until(() -> handled.get() == 1);
    }

    private double state(String state) {
        return meters.get("symphony.redis.listener.state").tags("namespace", "default", "state", state).gauge().value();
    }
}
