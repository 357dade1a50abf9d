package io.symphony.redis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** With automatic context propagation on, MDC holds the tenant and user of the scope bound in the Context. */
class TenantScopeAccessorUnitTests {

    @BeforeEach
    void enable() {
        SymphonyObservability.registerTenantScopeAccessor();
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterEach
    void disable() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void mdc_holdsTheBoundScope_onEveryThreadThePipelineHopsTo_andNothingElsewhere() {
        Mono<String> seen = Mono.just("x")
                .publishOn(Schedulers.parallel())
                .map(ignored -> MDC.get(TenantScopeAccessor.MDC_TENANT) + "/" + MDC.get(TenantScopeAccessor.MDC_USER))
                .contextWrite(SymphonyContext.bindScope(new TenantScope("acme", "u1")));

        seen.as(StepVerifier::create).expectNext("acme/u1").verifyComplete();
        Mono.just("y").publishOn(Schedulers.parallel())
                .map(ignored -> Optional.ofNullable(MDC.get(TenantScopeAccessor.MDC_TENANT)).orElse("none"))
                .as(StepVerifier::create).expectNext("none").verifyComplete();
    }

    @Test
    void twoPipelines_onOneScheduler_seeTheirOwnTenant() {
        Mono<String> acme = Mono.just(1).publishOn(Schedulers.single())
                .map(ignored -> MDC.get(TenantScopeAccessor.MDC_TENANT))
                .contextWrite(SymphonyContext.bindScope(new TenantScope("acme", "u1")));
        Mono<String> globex = Mono.just(2).publishOn(Schedulers.single())
                .map(ignored -> MDC.get(TenantScopeAccessor.MDC_TENANT))
                .contextWrite(SymphonyContext.bindScope(new TenantScope("globex", "u2")));

        Mono.zip(acme, globex).as(StepVerifier::create)
                .assertNext(both -> assertThat(both.toList()).containsExactly("acme", "globex"))
                .verifyComplete();
    }
}
