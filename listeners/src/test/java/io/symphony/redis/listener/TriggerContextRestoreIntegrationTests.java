package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.repository.RedisSharedState;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.repository.SharedStateContext;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.repository.TriggerContextPropagator;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/** The handler runs in the context the trigger was set in: tenant scope, bound shared state, propagated entries. */
@OnEveryTopology
class TriggerContextRestoreIntegrationTests {

    /** Carries a trace parent stored under the key "traceparent". */
    static final TriggerContextPropagator TRACE = new TriggerContextPropagator() {
        @Override
        public String name() {
            return "traceparent";
        }

        @Override
        public Optional<String> capture(ContextView context) {
            return context.getOrEmpty("traceparent").map(String::valueOf);
        }

        @Override
        public Context restore(Context context, String value) {
            return context.put("traceparent", value);
        }
    };

    private final ListenerFixture fx;
    private final Map<String, Object> seen = new ConcurrentHashMap<>();

    TriggerContextRestoreIntegrationTests(Topology topology) {
        fx = new ListenerFixture(topology);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void handler_seesTheStateBoundWhenSetWasCalled_andThePropagatedEntries() {
        SymphonyRuntime runtime = fx.runtime();
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on("followup", event -> SharedStateContext.current()
                .flatMap(state -> state.getField("conversation", "step")
                        .doOnNext(step -> seen.put("step", step))
                        .then(Mono.fromRunnable(() -> seen.put("state", state.tenant() + "/" + state.userId()))))
                .then(SymphonyContext.currentScope().doOnNext(scope -> seen.put("scope", scope)))
                .then(Mono.deferContextual(ctx -> {
                    seen.put("trace", ctx.getOrDefault("traceparent", "none"));
                    return Mono.empty();
                })));
        fx.listener(runtime, registry, TriggerListenerOptions.builder().contextPropagators(List.of(TRACE)).build())
                .start().block(Duration.ofSeconds(10));
        RedisSharedState state = SymphonyRepositories.of(runtime).sharedState("acme", "u1");
        state.upsert("conversation", Map.of("step", "ask-email")).block(Duration.ofSeconds(5));
        RedisTrigger triggers = fx.triggers(runtime, "acme").withContextPropagators(List.of(TRACE));

        triggers.set("followup", "conv-9", Duration.ofMillis(100))
                .contextWrite(SharedStateContext.bind(state))
                .contextWrite(Context.of("traceparent", "00-abc-def-01"))
                .block(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 4);
        assertThat(seen).containsEntry("step", "ask-email").containsEntry("state", "acme/u1")
                .containsEntry("scope", new TenantScope("acme", "u1")).containsEntry("trace", "00-abc-def-01");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.hlen(RedisTrigger.indexKey(runtime.keys(), "ctx")) == 0);
    }

    @Test
    void withoutABinding_theHandlerHasTheEventsScope_andNoSnapshotIsStored() {
        SymphonyRuntime runtime = fx.runtime();
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on("plain", event -> SymphonyContext.currentScope().doOnNext(scope -> seen.put("scope", scope))
                .then(SharedStateContext.current().doOnNext(s -> seen.put("state", s)).then()
                        .onErrorResume(e -> Mono.fromRunnable(() -> seen.put("state", "none")))));
        fx.listener(runtime, registry).start().block(Duration.ofSeconds(10));
        RedisTrigger triggers = fx.triggers(runtime, "acme");

        triggers.set("plain", "u7", Duration.ofMillis(300)).block(Duration.ofSeconds(5));
        assertThat(fx.hlen(RedisTrigger.indexKey(runtime.keys(), "ctx"))).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
        assertThat(seen).containsEntry("scope", new TenantScope("acme", "u7")).containsEntry("state", "none");
    }
}
