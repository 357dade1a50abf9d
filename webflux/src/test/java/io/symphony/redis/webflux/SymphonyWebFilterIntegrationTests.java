package io.symphony.redis.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.TestRedis;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The filter, the resolver and the tool bridge behind a real Reactor Netty server, against real Redis, with
 * BlockHound watching every event loop (the server's and Lettuce's).
 */
@RedisTest
class SymphonyWebFilterIntegrationTests {

    static {
        BlockHoundSupport.install();
    }

    private static WebFixture web;
    private static RedisCommands<String, String> sharedStateDb;

    @BeforeAll
    static void start(TestRedis redis) {
        web = WebFixture.start();
        sharedStateDb = redis.sync(web.runtime.config().databases().get(PoolAliases.SHARED_STATE));
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @AfterEach
    void noBlockingCallOnANonBlockingThread() {
        assertThat(BlockHoundSupport.violations()).isEmpty();
    }

    @Test
    void twoHundredConcurrentRequestsOverTwentyTenantsEachSeeOnlyTheirOwnState() throws Exception {
        List<String[]> scopes = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            String tenant = TestRedis.uniqueTenant("wf" + t);
            for (int u = 0; u < 10; u++) {
                scopes.add(new String[] {tenant, "user-" + u});
            }
        }
        Map<String, String> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(scopes.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (String[] scope : scopes) {
                calls.add(pool.submit(() -> {
                    go.await();
                    String body = web.client.post().uri("/echo?value={v}", secret(scope))
                            .header("X-Tenant-Id", scope[0]).header("X-User-Id", scope[1])
                            .exchange().expectStatus().isOk()
                            .expectBody(String.class).returnResult().getResponseBody();
                    answers.put(scope[0] + "|" + scope[1], String.valueOf(body));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).hasSize(200);
        for (String[] scope : scopes) {
            assertThat(answers.get(scope[0] + "|" + scope[1]))
                    .isEqualTo(scope[0] + "|" + scope[1] + "|" + secret(scope));
            assertThat(sharedStateDb.hget(scope[0] + ":SS:" + WebFixture.STATE + ":" + scope[1], "value"))
                    .isEqualTo(secret(scope));
        }
        String[] first = scopes.get(0);
        web.client.get().uri("/state").header("X-Tenant-Id", first[0]).header("X-User-Id", first[1])
                .exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{value=" + secret(first) + "}");
    }

    private static String secret(String[] scope) {
        return "secret of " + scope[1] + " at " + scope[0];
    }

    @Test
    void requestWithoutTenantHeadersPassesThroughWithNothingBound() {
        web.client.get().uri("/whoami").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("none");
        String tenant = TestRedis.uniqueTenant("wf-who");
        web.client.get().uri("/whoami").header("X-Tenant-Id", tenant).header("X-User-Id", "u1").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(tenant + "|u1");
    }

    @Test
    void invalidTenantHeadersAreABadRequestProblemWithAClearDetail() {
        problem(web.client.get().uri("/whoami").header("X-Tenant-Id", "acme"))
                .contains("X-Tenant-Id and X-User-Id are required").contains("missing X-User-Id");
        problem(web.client.get().uri("/whoami").header("X-Tenant-Id", "a", "b").header("X-User-Id", "u"))
                .contains("X-Tenant-Id must be sent once");
        problem(web.client.get().uri("/whoami").header("X-Tenant-Id", "x".repeat(600)).header("X-User-Id", "u"))
                .contains("\"detail\":\"Invalid tenant or user id:").contains("max 512");
        problem(web.client.get().uri("/whoami").header("X-User-Id", "u")).contains("missing X-Tenant-Id");
    }

    @Test
    void requiredPathWithoutTenantIsABadRequestProblemNamingTheHeadersAndTheHandlerDoesNotRun() {
        problem(web.client.get().uri(WebFixture.REQUIRED + "/whoami"))
                .contains("\"title\":\"Bad Request\"").contains("\"status\":400")
                .contains("\"instance\":\"/required/whoami\"")
                .contains("GET /required/whoami named no tenant: send the X-Tenant-Id and X-User-Id headers");
        String tenant = TestRedis.uniqueTenant("wf-req");
        web.client.get().uri(WebFixture.REQUIRED + "/whoami").header("X-Tenant-Id", tenant).header("X-User-Id", "u")
                .exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo(tenant + "|u");
    }

    @Test
    void readingUnboundStateIsABadRequestNamingTheMissingHeadersNotAServerError() {
        problem(web.client.get().uri("/state"))
                .contains("No RedisSharedState is bound: GET /state named no tenant: "
                        + "send the X-Tenant-Id and X-User-Id headers");
        problem(web.client.get().uri("/tool"))
                .contains("GET /tool named no tenant: send the X-Tenant-Id and X-User-Id headers");
    }

    /** Expect a 400 problem detail and return its body for further checks. */
    private static AbstractStringAssert<?> problem(WebTestClient.RequestHeadersSpec<?> request) {
        String body = request.exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return assertThat(body).startsWith("{\"type\":\"about:blank\"");
    }

    @Test
    void toolRunsOnAToolThreadAndSeesTheRequestsStateWithItsTtl() {
        String tenant = TestRedis.uniqueTenant("wf-tool");
        for (String user : List.of("alice", "bob")) {
            web.client.post().uri("/echo?value={v}", "hello " + user)
                    .header("X-Tenant-Id", tenant).header("X-User-Id", user).exchange().expectStatus().isOk();
        }
        for (String user : List.of("alice", "bob")) {
            String body = web.client.get().uri("/tool").header("X-Tenant-Id", tenant).header("X-User-Id", user)
                    .exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).startsWith("symphony-tool")
                    .endsWith("|" + tenant + "|" + user + "|hello " + user + "|saw hello " + user);
            String toolKey = tenant + ":SS:tool:" + user;
            assertThat(sharedStateDb.hget(toolKey, "thread")).startsWith("symphony-tool");
            assertThat(sharedStateDb.pttl(toolKey))
                    .isBetween(WebFixture.ProbeTool.RESULT_TTL.toMillis() - 30_000,
                            WebFixture.ProbeTool.RESULT_TTL.toMillis());
        }
    }

    @Test
    void blockHoundIsActiveOnEventLoopsAndParallelThreads() {
        web.client.get().uri("/deliberate-block").exchange().expectStatus().isOk();
        assertThat(BlockHoundSupport.violations()).anySatisfy(violation -> assertThat(violation)
                .contains("park").contains("reactor-http"));
        BlockHoundSupport.clear();
        StepVerifier.create(Mono.fromCallable(() -> {
            LockSupport.parkNanos(1_000_000);
            return "parked";
        }).subscribeOn(Schedulers.parallel()))
                .expectNext("parked")
                .verifyComplete();
        assertThat(BlockHoundSupport.violations()).anySatisfy(violation -> assertThat(violation)
                .contains("park").contains("parallel"));
        BlockHoundSupport.clear();
    }
}
