package io.symphony.redis.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.RuntimeResource;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.ClassResource;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class BlockingBridgeIntegrationTests {

    @RegisterExtension
    static final ClassResource<SymphonyRuntime> RUNTIME = RuntimeResource.of(() -> SymphonyRedisConfig.builder()
            .url(TestRedis.shared().uri()).commandTimeout(Duration.ofMillis(300)).keyspaceEvents(false).build());

    private final SymphonyRuntime runtime = RUNTIME.get();

    @Test
    void tool_runsOnToolThread_seesBoundState_andCallsRedisSynchronously() {
        String key = "bridge:" + UUID.randomUUID();
        TestRedis.shared().sync(15).set(key, "stored");
        AtomicReference<String> thread = new AtomicReference<>();
        TenantScope scope = new TenantScope("acme", "u7");

        runtime.bridge().run(tool -> {
                    thread.set(Thread.currentThread().getName());
                    String value = tool.await(runtime.connections().withCommands("default", c -> c.get(key)))
                            .orElseThrow();
                    return tool.scope().userId() + "=" + value;
                })
                .contextWrite(SymphonyContext.bindScope(scope))
                .publishOn(Schedulers.parallel())
                .as(StepVerifier::create)
                .expectNext("u7=stored")
                .verifyComplete();

        assertThat(thread.get()).startsWith("symphony-tool");
        TestRedis.shared().sync(15).del(key);
    }

    @Test
    void await_seesTheCallersContextInsideTheAwaitedPipeline() {
        runtime.bridge().run(tool -> tool.await(SymphonyContext.currentScope()).orElseThrow().tenant())
                .contextWrite(SymphonyContext.bindScope(new TenantScope("t-ctx", "u")))
                .as(StepVerifier::create)
                .expectNext("t-ctx")
                .verifyComplete();
    }

    @Test
    void await_timesOutCleanly() {
        runtime.bridge().run(tool -> tool.await(Mono.delay(Duration.ofSeconds(5))))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(ToolTimeoutException.class)
                        .hasMessageContaining("PT0.3S"));
    }

    @Test
    void toolErrors_andMissingBindings_arriveAsOnError() {
        runtime.bridge().run(tool -> tool.bound(String.class))
                .as(StepVerifier::create)
                .verifyError(NothingBoundException.class);
        runtime.bridge().run(tool -> {
                    throw new java.io.IOException("tool failed");
                })
                .as(StepVerifier::create)
                .verifyErrorMessage("tool failed");
    }

    @Test
    void await_refusesToBlockANonBlockingThread() {
        ToolContext onParallel = new ToolContext(reactor.util.context.Context.empty(), Duration.ofSeconds(1));

        Mono.fromCallable(() -> onParallel.await(Mono.just(1)))
                .subscribeOn(Schedulers.parallel())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("non-blocking thread"));
    }
}
