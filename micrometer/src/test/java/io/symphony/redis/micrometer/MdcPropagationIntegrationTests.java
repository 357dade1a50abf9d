package io.symphony.redis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.RedisTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** MDC holds tenant and user in a trigger handler, in a blocking tool and after a Redis reply, on real Redis. */
@RedisTest
class MdcPropagationIntegrationTests {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private PrivateRedisServer server;
    private SymphonyRuntime runtime;
    private TriggerListener listener;

    @BeforeEach
    void start() {
        SymphonyObservability.registerTenantScopeAccessor();
        Hooks.enableAutomaticContextPropagation();
        server = PrivateRedisServer.start("--notify-keyspace-events", "Ex", "--hz", "100");
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(server.uri()).build())
                .block(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        Hooks.disableAutomaticContextPropagation();
        if (listener != null) {
            listener.stop().block(Duration.ofSeconds(30));
        }
        runtime.close().block(Duration.ofSeconds(10));
        server.close();
    }

    private static String mdc() {
        return MDC.get(TenantScopeAccessor.MDC_TENANT) + "/" + MDC.get(TenantScopeAccessor.MDC_USER);
    }

    @Test
    void aTriggerHandler_andTheToolItRuns_logWithTheTenantAndUserTheTriggerWasSetFor() {
        // the identifier is not the user: the scope comes from the context snapshot stored at set
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on("remind", event -> Mono.fromRunnable(() -> seen.add("handler " + mdc()))
                .then(runtime.bridge().run(tool -> "tool " + mdc()))
                .doOnNext(seen::add)
                .then());
        listener = TriggerListener.create(runtime, registry);
        listener.start().block(Duration.ofSeconds(30));

        SymphonyRepositories.of(runtime).trigger("acme").set("remind", "conversation-9", Duration.ofMillis(100))
                .contextWrite(SymphonyContext.bindScope(new TenantScope("acme", "u1")))
                .as(StepVerifier::create).expectNext(true).verifyComplete();

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("handler acme/u1", "tool acme/u1");
    }

    @Test
    void aPipeline_logsWithItsTenant_afterARedisReplyOnTheEventLoop() {
        runtime.ops().ping()
                .map(pong -> mdc())
                .contextWrite(SymphonyContext.bindScope(new TenantScope("globex", "u7")))
                .as(StepVerifier::create).expectNext("globex/u7").verifyComplete();
    }
}
