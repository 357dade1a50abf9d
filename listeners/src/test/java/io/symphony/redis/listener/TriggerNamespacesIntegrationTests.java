package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Two services with different registries on one expiry DB each handle exactly their own triggers. */
class TriggerNamespacesIntegrationTests {

    private static final int N = 30;

    private final ListenerFixture fx = new ListenerFixture(Topology.STANDALONE);
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        fx.close();
    }

    private TriggerRegistry service(String namespace, UnhandledActions unhandled, String... actions) {
        TriggerRegistry registry = TriggerRegistry.builder().namespace(namespace).unhandledActions(unhandled)
                .build();
        for (String action : actions) {
            registry.on(action, event -> Mono.fromRunnable(() -> runs.computeIfAbsent(
                    namespace + "/" + event.action() + "/" + event.identifier(), k -> new AtomicInteger())
                    .incrementAndGet()));
        }
        return registry;
    }

    private static void set(RedisTrigger triggers, String action, int n) {
        Flux.range(0, n).flatMap(i -> triggers.set(action, "id" + i, Duration.ofMillis(50 + i * 10L)), 8)
                .blockLast(Duration.ofSeconds(10));
    }

    @Test
    void twoServices_oneExpiryDb_eachHandlesExactlyItsOwn() {
        SymphonyRuntime runtime = fx.runtime();
        // Both handle "remind"; each has an action of its own; billing gets a trigger it has no handler for.
        TriggerRegistry billing = service("billing", UnhandledActions.LEAVE, "remind", "invoice");
        TriggerRegistry mail = service("mail", UnhandledActions.DEAD_LETTER, "remind", "digest");
        TriggerListener billingListener = fx.listener(runtime, billing);
        TriggerListener mailListener = fx.listener(fx.runtime(), mail);
        billingListener.start().block(Duration.ofSeconds(10));
        mailListener.start().block(Duration.ofSeconds(10));
        RedisTrigger billingTriggers = fx.triggers(runtime, "acme").inNamespace("billing");
        RedisTrigger mailTriggers = fx.triggers(runtime, "acme").inNamespace("mail");

        set(billingTriggers, "remind", N);
        set(billingTriggers, "invoice", N);
        set(mailTriggers, "remind", N);
        set(mailTriggers, "digest", N);
        set(billingTriggers, "unknown", 1);
        set(mailTriggers, "unknown", 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == 4 * N);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailListener.deadLetters().count().block() == 1L);
        billingListener.stop().block(Duration.ofSeconds(10));
        mailListener.stop().block(Duration.ofSeconds(10));

        assertThat(runs).hasSize(4 * N).allSatisfy((key, n) -> assertThat(n.get()).as(key).isEqualTo(1));
        assertThat(runs.keySet()).allSatisfy(key -> assertThat(key).matches(
                "billing/(remind|invoice)/id\\d+|mail/(remind|digest)/id\\d+"));
        // billing leaves its unhandled trigger in its own index; mail dead-letters its own, into its own hash
        assertThat(fx.zcard(RedisTrigger.indexKey(runtime.keys(), "billing", "due"))).isEqualTo(1);
        assertThat(fx.zcard(RedisTrigger.indexKey(runtime.keys(), "mail", "due"))).isZero();
        assertThat(billingListener.deadLetters().count().block(Duration.ofSeconds(5))).isZero();
        assertThat(mailListener.deadLetters().map(DeadLetter::action).collectList().block(Duration.ofSeconds(5)))
                .containsExactly("unknown");
        assertThat(billing.unknownActions()).isPositive();
        assertThat(mail.unknownActions()).isPositive();
        for (String ns : new String[] {"billing", "mail"}) {
            assertThat(fx.zcard(RedisTrigger.indexKey(runtime.keys(), ns, "inflight"))).as(ns).isZero();
            assertThat(fx.hlen(RedisTrigger.indexKey(runtime.keys(), ns, "tokens"))).as(ns).isZero();
        }
        assertThat(fx.zcard(RedisTrigger.dueIndexKey(runtime.keys()))).isZero();
    }

    @Test
    void namespaceKeys_shareOneSlotPerNamespace_andTheDefaultKeepsItsKeys() {
        io.symphony.redis.keys.KeyFactory keys = io.symphony.redis.keys.KeyFactory.defaults();
        assertThat(RedisTrigger.dueIndexKey(keys)).isEqualTo("{EXPTRIGGER%}:due");
        assertThat(RedisTrigger.indexKey(keys, "", "dead")).isEqualTo("{EXPTRIGGER%}:dead");
        assertThat(RedisTrigger.indexKey(keys, "billing", "due")).isEqualTo("{EXPTRIGGER%:billing}:due");
        assertThat(RedisTrigger.indexKey(keys, "a:b", "inflight")).isEqualTo("{EXPTRIGGER%:a%3Ab}:inflight");
    }
}
