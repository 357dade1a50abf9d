package io.symphony.redis.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.runtime.RuntimeResource;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.ClassResource;
import io.symphony.redis.testsupport.TestRedis;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.StepVerifierOptions;
import reactor.util.context.Context;

class SymphonyContextIntegrationTests {

    @RegisterExtension
    static final ClassResource<SymphonyRuntime> RUNTIME = RuntimeResource.of(() -> SymphonyRedisConfig.builder()
            .url(TestRedis.shared().uri()).keyspaceEvents(false).build());

    /** Read the bound scope after hopping over several schedulers and a real Redis round trip. */
    private static Mono<TenantScope> scopeAfterHops(String key) {
        return Mono.just(key)
                .publishOn(Schedulers.parallel())
                .flatMap(k -> RUNTIME.get().connections().withCommands("default", c -> c.exists(k)))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(ignored -> SymphonyContext.currentScope())
                .subscribeOn(Schedulers.single());
    }

    @Test
    void binding_survivesSchedulerHopsAndRedisCalls() {
        TenantScope scope = new TenantScope("acme", "u1");

        scopeAfterHops("ctx-key")
                .contextWrite(SymphonyContext.bindScope(scope))
                .as(StepVerifier::create)
                .expectNext(scope)
                .verifyComplete();
    }

    @Test
    void binding_isVisibleFromInitialContext() {
        StepVerifier.create(SymphonyContext.current(String.class),
                        StepVerifierOptions.create().withInitialContext(
                                SymphonyContext.bind(String.class, "state").apply(Context.empty())))
                .expectNext("state")
                .verifyComplete();
    }

    @Test
    void nothingBound_failsClearly() {
        SymphonyContext.currentScope()
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(NothingBoundException.class)
                        .hasMessageContaining("TenantScope").hasMessageContaining("contextWrite"));
    }

    @Test
    void nothingBound_givesTheReasonThePipelineRecorded_andABindingStillWins() {
        SymphonyContext.currentScope()
                .contextWrite(SymphonyContext.explainUnbound("GET /state named no tenant: send the X-Tenant-Id header"))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(NothingBoundException.class)
                        .hasMessage("No TenantScope is bound: GET /state named no tenant: send the X-Tenant-Id header"));
        SymphonyContext.currentScope()
                .contextWrite(SymphonyContext.bindScope(new TenantScope("acme", "u1")))
                .contextWrite(SymphonyContext.explainUnbound("unused"))
                .as(StepVerifier::create)
                .expectNext(new TenantScope("acme", "u1"))
                .verifyComplete();
    }

    @Test
    void thousandConcurrentPipelines_neverSeeEachOthersTenant() {
        AtomicInteger mismatches = new AtomicInteger();

        Flux.range(0, 1_000)
                .flatMap(i -> {
                    TenantScope mine = new TenantScope("tenant-" + i, "user-" + i);
                    return scopeAfterHops("ctx-" + i)
                            .doOnNext(seen -> {
                                if (!seen.equals(mine)) {
                                    mismatches.incrementAndGet();
                                }
                            })
                            .contextWrite(SymphonyContext.bindScope(mine));
                }, 256)
                .as(StepVerifier::create)
                .expectNextCount(1_000)
                .verifyComplete();

        assertThat(mismatches).hasValue(0);
    }
}
