package io.symphony.redis.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.symphony.redis.CodecException;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.repository.RedisUser;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** One observation per repository call, with its tags, outcome, error and parent, after real calls. */
@RedisTest
class RepositoryObservationIntegrationTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final ObservedContexts contexts = new ObservedContexts();
    private SymphonyRuntime runtime;

    @BeforeEach
    void start() {
        observations.observationConfig().observationHandler(contexts);
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(TestRedis.shared().uri())
                .keyspaceEvents(false).build()).block(Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        runtime.close().block(Duration.ofSeconds(10));
    }

    private SymphonyRepositories repositories(boolean tenantTag) {
        return SymphonyObservability.builder(meters).observationRegistry(observations).tenantTag(tenantTag)
                .build().repositories(runtime);
    }

    @Test
    void eachCall_isOneObservation_namedByRepositoryOperationPoolAndOutcome_withoutTheTenant() {
        String tenant = TestRedis.uniqueTenant("obs");
        RedisUser user = repositories(false).user(tenant, "u1");

        user.upsert(Map.of("name", "Ada")).as(StepVerifier::create).expectNext(true).verifyComplete();
        user.get().as(StepVerifier::create).expectNextCount(1).verifyComplete();
        user.upsert(Map.of("age", 36), Duration.ofHours(1)).as(StepVerifier::create).expectNext(true)
                .verifyComplete();

        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("symphony.redis.repository", 3)
                .hasObservationWithNameEqualTo("symphony.redis.repository").that()
                .hasLowCardinalityKeyValue("repository", "user")
                .hasLowCardinalityKeyValue("pool", "user")
                .hasLowCardinalityKeyValue("outcome", "success");
        List<Observation.Context> calls = contexts.named("symphony.redis.repository");
        assertThat(calls).extracting(context -> ObservedContexts.low(context, "operation"))
                .containsExactly("upsert", "get", "upsert");
        assertThat(calls).allSatisfy(call -> assertThat(ObservedContexts.low(call, "tenant")).isNull());
        // the given registry records the calls; it has no meter handler, so no timers appear
        assertThat(meters.find("symphony.redis.repository").timers()).isEmpty();
    }

    @Test
    void aFailedCall_isObservedWithItsError_andTheTenantTagIsOptIn() {
        String tenant = TestRedis.uniqueTenant("obs");
        RedisUser user = repositories(true).user(tenant, "u1");
        user.upsert(Map.of("age", "not a number")).as(StepVerifier::create).expectNext(true).verifyComplete();

        user.getField("age", Integer.class).as(StepVerifier::create).expectError(CodecException.class).verify();

        Observation.Context failed = contexts.named("symphony.redis.repository").get(1);
        assertThat(ObservedContexts.low(failed, "operation")).isEqualTo("getField");
        assertThat(ObservedContexts.low(failed, "outcome")).isEqualTo("error");
        assertThat(ObservedContexts.low(failed, "tenant")).isEqualTo(tenant);
        assertThat(failed.getError()).isInstanceOf(CodecException.class);
    }

    @Test
    void aCall_isTheChildOfTheObservationInTheSubscribersContext() {
        String tenant = TestRedis.uniqueTenant("obs");
        Observation request = Observation.start("http.server.requests", observations);

        repositories(false).generic(tenant).set("k", "v")
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, request))
                .as(StepVerifier::create).expectNext(true).verifyComplete();
        request.stop();

        Observation.Context call = contexts.named("symphony.redis.repository").get(0);
        assertThat(call.getParentObservation()).isNotNull();
        assertThat(call.getParentObservation().getContextView().getName()).isEqualTo("http.server.requests");
        assertThat(ObservedContexts.low(call, "repository")).isEqualTo("generic");
    }

    @Test
    void withoutAnObservationRegistry_callsAreTimersOnTheMeterRegistry() {
        SymphonyRepositories repos = SymphonyObservability.builder(meters).build().repositories(runtime);
        String tenant = TestRedis.uniqueTenant("obs");

        repos.generic(tenant).set("k", "v").as(StepVerifier::create).expectNext(true).verifyComplete();
        repos.generic(tenant).get("k").as(StepVerifier::create).expectNext("v").verifyComplete();

        assertThat(meters.get("symphony.redis.repository")
                .tags("repository", "generic", "operation", "set", "pool", "default", "outcome", "success",
                        "error", "none")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("symphony.redis.repository").tags("operation", "get").timer().count()).isEqualTo(1);
    }
}
