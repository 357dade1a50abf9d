package io.symphony.redis.webflux;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.context.NothingBoundException;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.SharedStateContext;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real Reactor Netty server on a free port serving a few functional routes behind {@link SymphonyWebFilter},
 * on a runtime connected to the shared test Redis, and a {@link WebTestClient} bound to it over HTTP.
 */
final class WebFixture implements AutoCloseable {

    static final String STATE = "probe";
    /** Paths under it require a tenant. */
    static final String REQUIRED = "/required";

    final SymphonyRuntime runtime;
    final RepositorySupport support;
    final WebTestClient client;
    private final DisposableServer server;

    private WebFixture(SymphonyRuntime runtime) {
        this.runtime = runtime;
        this.support = RepositorySupport.of(runtime.ops(), runtime.codec(), runtime.keys());
        RouterFunction<ServerResponse> routes = routes().and(toolRoutes());
        HttpHandler handler = WebHttpHandlerBuilder
                .webHandler(RouterFunctions.toWebHandler(routes))
                .filter(SymphonyWebFilter.builder(support, HeaderTenantResolver.defaults())
                        .requireTenant(List.of(REQUIRED + "/**"))
                        .build())
                .build();
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler))
                .bindNow();
        this.client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + server.port())
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    static WebFixture start() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url(TestRedis.shared().uri()).build();
        SymphonyRuntime runtime = Objects.requireNonNull(SymphonyRuntime.create(config).block());
        return new WebFixture(runtime);
    }

    /**
     * {@code POST /echo?value=v}: write v into the bound user's state, hop to the parallel scheduler, read it back
     * and answer {@code tenant|user|value} as seen through the Context. {@code GET /whoami}: the bound scope or
     * {@code none}.
     */
    private static RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/echo", request -> {
                    String value = request.queryParam("value").orElseThrow();
                    Mono<String> seen = SharedStateContext.current()
                            .flatMap(state -> state.updateField(STATE, "value", value)
                                    .publishOn(Schedulers.parallel())
                                    .then(Mono.delay(Duration.ofMillis(5)))
                                    .then(state.getField(STATE, "value"))
                                    .zipWith(SymphonyContext.currentScope(), (read, scope) ->
                                            scope.tenant() + "|" + scope.userId() + "|" + read));
                    return ServerResponse.ok().body(seen, String.class);
                })
                .GET("/whoami", request -> ServerResponse.ok().body(SymphonyContext.currentScope()
                        .map(scope -> scope.tenant() + "|" + scope.userId())
                        .onErrorResume(NothingBoundException.class, e -> Mono.just("none")), String.class))
                .GET("/state", request -> ServerResponse.ok().body(SharedStateContext.current()
                        .flatMap(state -> state.get(STATE))
                        .map(Map::toString), String.class))
                .GET(REQUIRED + "/whoami", request -> ServerResponse.ok().body(SymphonyContext.currentScope()
                        .map(scope -> scope.tenant() + "|" + scope.userId()), String.class))
                .build();
    }

    /**
     * {@code GET /tool}: run {@link ProbeTool} through the bridge; {@code GET /deliberate-block}: park on the event
     * loop, which BlockHound must report.
     */
    private RouterFunction<ServerResponse> toolRoutes() {
        return RouterFunctions.route()
                .GET("/tool", request -> ServerResponse.ok().body(new ProbeTool().runOn(runtime.bridge()),
                        String.class))
                .GET("/deliberate-block", request -> {
                    LockSupport.parkNanos(1_000_000);
                    return ServerResponse.ok().bodyValue("parked on " + Thread.currentThread().getName());
                })
                .build();
    }

    /**
     * A synchronous tool: reads the value the request's user stored, records the thread it ran on and a result
     * with a two-minute TTL, and answers {@code thread|tenant|user|value}.
     */
    static final class ProbeTool extends SymphonyTool<String> {

        static final Duration RESULT_TTL = Duration.ofSeconds(120);

        @Override
        protected String execute() {
            String thread = Thread.currentThread().getName();
            Object value = getStateField(STATE, "value");
            updateStateField("tool", "result", "saw " + value, RESULT_TTL);
            upsertState("tool", Map.of("thread", thread), RESULT_TTL);
            return thread + "|" + scope().tenant() + "|" + scope().userId() + "|" + value + "|"
                    + getState("tool").get("result");
        }
    }

    @Override
    public void close() {
        server.disposeNow();
        runtime.close().block();
    }
}
