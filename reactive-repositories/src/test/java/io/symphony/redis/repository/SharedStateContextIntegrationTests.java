package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphony.redis.context.NothingBoundException;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.StepVerifierOptions;
import reactor.util.context.Context;

@OnEveryTopology
class SharedStateContextIntegrationTests {

    private static RepositoryFixture fixture;

    @Parameter
    Topology backend;

    @BeforeParameterizedClassInvocation
    static void start(Topology backend) {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(20));
        fixture = RepositoryFixture.open(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fixture.close();
        StepVerifier.resetDefaultTimeout();
    }

    private static RedisSharedState stateOf(String tenant, String userId) {
        return fixture.repos.sharedState(tenant, userId);
    }

    @Test
    void binding_survivesSchedulerHops_andARealRedisCall() {
        RedisSharedState state = stateOf(fixture.tenant(), "u1");
        state.upsert("conversation", Map.of("owner", state.tenant())).block(Duration.ofSeconds(5));
        Map<String, String> threads = new ConcurrentHashMap<>();

        Mono<String> pipeline = SharedStateContext.current()
                .publishOn(Schedulers.parallel())
                .flatMap(ss -> ss.getField("conversation", "owner", String.class))
                .doOnNext(owner -> threads.put("reply", Thread.currentThread().getName()))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(owner -> SharedStateContext.current()
                        .zipWith(SymphonyContext.currentScope(), (ss, scope) -> owner + "|" + ss.userId() + "|"
                                + scope.tenant() + "|" + scope.userId()))
                .subscribeOn(Schedulers.single())
                .contextWrite(SharedStateContext.bind(state));

        pipeline.as(StepVerifier::create)
                .expectNext(state.tenant() + "|u1|" + state.tenant() + "|u1")
                .verifyComplete();
        assertThat(threads.get("reply")).as("the reply arrived off the subscribing thread").doesNotContain("single");
        state.delete("conversation").block(Duration.ofSeconds(5));
    }

    @Test
    void current_readsAnInitialContext_andFailsWhenNothingIsBound() {
        RedisSharedState state = stateOf(fixture.tenant(), "u2");
        Context bound = SharedStateContext.bind(state).apply(Context.empty());

        StepVerifier.create(SharedStateContext.current(), StepVerifierOptions.create().withInitialContext(bound))
                .expectNext(state)
                .verifyComplete();
        StepVerifier.create(SymphonyContext.currentScope(), StepVerifierOptions.create().withInitialContext(bound))
                .expectNext(new TenantScope(state.tenant(), "u2"))
                .verifyComplete();
        SharedStateContext.current().as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(NothingBoundException.class)
                        .hasMessageContaining("RedisSharedState"));
        assertThatThrownBy(() -> SharedStateContext.bind(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SharedStateContext.bind(stateOf(" ", "u1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thousandConcurrentPipelines_eachReadOnlyTheirOwnStateFromRedis() {
        String base = fixture.tenant();
        List<RedisSharedState> states = Flux.range(0, 1000).map(i -> stateOf(base + "-" + i, "u" + (i % 7)))
                .collectList().block();
        Flux.fromIterable(states)
                .flatMap(s -> s.upsert("conversation", Map.of("owner", s.tenant() + "/" + s.userId())), 64)
                .blockLast(Duration.ofSeconds(20));

        Flux<Boolean> pipelines = Flux.range(0, 1000)
                .flatMap(i -> SharedStateContext.current()
                        .publishOn(i % 2 == 0 ? Schedulers.parallel() : Schedulers.boundedElastic())
                        .flatMap(ss -> ss.get("conversation"))
                        .map(record -> record.get("owner"))
                        .flatMap(owner -> SymphonyContext.currentScope()
                                .map(scope -> owner.equals(scope.tenant() + "/" + scope.userId())
                                        && owner.equals(states.get(i).tenant() + "/" + states.get(i).userId())))
                        .contextWrite(SharedStateContext.bind(states.get(i))), 1000);

        pipelines.collectList().as(StepVerifier::create)
                .assertNext(results -> assertThat(results).hasSize(1000).containsOnly(true))
                .verifyComplete();
        Flux.fromIterable(states).flatMap(s -> s.delete("conversation"), 64).blockLast(Duration.ofSeconds(20));
    }

    @Test
    void blockingBridge_toolThreadSeesTheBoundState() {
        List<RedisSharedState> states = Flux.range(0, 16).map(i -> stateOf(fixture.tenant(), "u" + i))
                .collectList().block();
        Flux.fromIterable(states).flatMap(s -> s.upsert("conversation", Map.of("step", "s-" + s.userId())), 16)
                .blockLast(Duration.ofSeconds(10));

        Flux<String> tools = Flux.range(0, 16).flatMap(i -> fixture.runtime.bridge().run(tool -> {
            RedisSharedState ss = tool.bound(RedisSharedState.class);
            Object step = tool.await(ss.getField("conversation", "step")).orElseThrow();
            Object viaContext = tool.await(SharedStateContext.current()
                    .flatMap(current -> current.getField("conversation", "step"))).orElseThrow();
            return Thread.currentThread().getName() + "|" + tool.scope().userId() + "|" + step + "|" + viaContext;
        }).contextWrite(SharedStateContext.bind(states.get(i))), 16);

        tools.collectList().as(StepVerifier::create)
                .assertNext(results -> {
                    assertThat(results).hasSize(16);
                    for (String result : results) {
                        String[] parts = result.split("\\|");
                        assertThat(parts[0]).startsWith("symphony-tool");
                        assertThat(parts[2]).isEqualTo("s-" + parts[1]).isEqualTo(parts[3]);
                    }
                    assertThat(results).extracting(r -> r.split("\\|")[1]).doesNotHaveDuplicates();
                })
                .verifyComplete();
        Flux.fromIterable(states).flatMap(s -> s.delete("conversation"), 16).blockLast(Duration.ofSeconds(10));
    }
}
