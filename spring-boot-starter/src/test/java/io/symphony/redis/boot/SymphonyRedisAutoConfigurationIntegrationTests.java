package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.listener.OnTrigger;
import io.symphony.redis.listener.TriggerEvent;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerRegistry;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.RedisTest;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.webflux.SymphonyWebFilter;
import io.symphony.redis.webflux.TenantResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The auto-configuration in application contexts against the shared test Redis: every bean, every condition, the
 * properties and customizers, {@code @OnTrigger} beans, the listener's lifecycle and the start-up failures.
 */
@RedisTest
class SymphonyRedisAutoConfigurationIntegrationTests {

    private final String namespace = TestRedis.uniqueTenant("boot");
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SymphonyRedisAutoConfiguration.class,
                    SymphonyRedisHealthAutoConfiguration.class))
            .withPropertyValues("symphony.redis.url=" + TestRedis.shared().uri(),
                    "symphony.redis.listener.namespace=" + namespace);

    @Test
    void createsEveryBeanAndStartsTheListener() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(SymphonyRedisConnectionDetails.class).hasSingleBean(SymphonyRedisConfig.class)
                    .hasSingleBean(SymphonyRuntime.class).hasSingleBean(SymphonyRepositories.class)
                    .hasSingleBean(RepositorySupport.class).hasSingleBean(TriggerRegistry.class)
                    .hasSingleBean(TriggerListener.class).hasSingleBean(ListenerLifecycle.class)
                    .hasSingleBean(TenantResolver.class).hasSingleBean(SymphonyWebFilter.class)
                    .hasBean("symphonyRedisHealthContributor").hasBean("symphonyRedisListenerHealthIndicator");
            assertThat(context.getBean(ListenerLifecycle.class).isRunning()).isTrue();
            assertThat(context.getBean(TriggerRegistry.class).namespace()).isEqualTo(namespace);
        });
    }

    @Test
    void closesTheRuntimeItCreated_butNotOneOfTheApplications() {
        SymphonyRuntime[] created = new SymphonyRuntime[1];
        runner.run(context -> created[0] = context.getBean(SymphonyRuntime.class));
        assertThat(created[0].isClosed()).isTrue();

        SymphonyRuntime own = Objects.requireNonNull(SymphonyRuntime.create(
                SymphonyRedisConfig.fromUrl(TestRedis.shared().uri())).block());
        try {
            runner.withBean(SymphonyRuntime.class, () -> own).run(context ->
                    assertThat(context.getBean(SymphonyRuntime.class)).isSameAs(own));
            assertThat(own.isClosed()).isFalse();
        } finally {
            own.close().block();
        }
    }

    @Test
    void listenerAndFilterAndHealthCanBeSwitchedOff() {
        runner.withPropertyValues("symphony.redis.listener.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(TriggerListener.class).doesNotHaveBean(ListenerLifecycle.class)
                .doesNotHaveBean("symphonyRedisListenerHealthIndicator").hasSingleBean(TriggerRegistry.class));
        runner.withPropertyValues("symphony.redis.web.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(SymphonyWebFilter.class).doesNotHaveBean(TenantResolver.class));
        runner.withClassLoader(new FilteredClassLoader(WebFilter.class)).run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(SymphonyWebFilter.class));
        runner.withPropertyValues("management.health.symphony-redis.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean("symphonyRedisHealthContributor")
                .doesNotHaveBean("symphonyRedisListenerHealthIndicator"));
        runner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("symphonyRedisHealthContributor"));
    }

    @Test
    void connectionDetailsOfTheApplication_winOverTheUrlProperty() {
        String real = TestRedis.shared().uri();
        runner.withPropertyValues("symphony.redis.url=redis://127.0.0.1:1", "symphony.redis.listener.enabled=false")
                .withBean(SymphonyRedisConnectionDetails.class, () -> () -> real)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SymphonyRedisConfig.class).redactedUrl()).isEqualTo(real);
                });
    }

    @Test
    void customizersAdjustTheBuildersAfterTheProperties() {
        runner.withPropertyValues("symphony.redis.client-name=from-properties", "symphony.redis.listener.concurrency=3")
                .withBean(SymphonyRedisConfigCustomizer.class, () -> builder -> builder.clientName("customized"))
                .withBean(TriggerRegistryCustomizer.class, () -> builder -> builder.concurrency(7))
                .run(context -> {
                    assertThat(context.getBean(SymphonyRedisConfig.class).clientName()).isEqualTo("customized");
                    assertThat(context.getBean(TriggerRegistry.class).concurrency()).isEqualTo(7);
                });
        Clock fixed = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
        runner.withPropertyValues("symphony.redis.repositories.default-ttl=2h",
                "symphony.redis.repositories.scan-concurrency=4")
                .withBean(RepositorySupportCustomizer.class, () -> builder -> builder.clock(fixed))
                .run(context -> {
                    RepositorySupport support = context.getBean(RepositorySupport.class);
                    assertThat(support.defaultTtl()).isEqualTo(Duration.ofHours(2));
                    assertThat(support.scanConcurrency()).isEqualTo(4);
                    assertThat(support.clock()).isSameAs(fixed);
                });
        AtomicInteger resources = new AtomicInteger();
        AtomicInteger options = new AtomicInteger();
        runner.withPropertyValues("symphony.redis.listener.enabled=false")
                .withBean(ClientResourcesBuilderCustomizer.class, () -> builder -> resources.incrementAndGet())
                .withBean(ClientOptionsBuilderCustomizer.class, () -> builder -> options.incrementAndGet())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(resources).as("the runtime's client resources were customised").hasValue(1);
                    assertThat(options.get()).as("every client's options were customised").isPositive();
                });
        runner.withBean(TriggerListenerOptionsCustomizer.class, () -> builder -> builder.lease(Duration.ofMillis(30)))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOfSatisfying(IllegalArgumentException.class, e -> assertThat(e)
                                    .hasMessageContaining("shorter than one attempt"));
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("symphony.redis.listener.lease");
                });
    }

    @Test
    void onTriggerMethodsOfAnyBean_areRegisteredAndFire() {
        runner.withBean("pings", PingHandlers.class).run(context -> {
            PingHandlers handlers = context.getBean(PingHandlers.class);
            assertThat(context.getBean(TriggerRegistry.class).actions()).contains("starter_ping");
            String tenant = TestRedis.uniqueTenant("t");
            context.getBean(SymphonyRepositories.class).trigger(tenant).inNamespace(namespace)
                    .set("starter_ping", "id-1", Duration.ofMillis(100)).block();

            await().atMost(Duration.ofSeconds(10)).until(() -> handlers.seen.size() == 1);
            assertThat(handlers.seen.get(0).tenant()).isEqualTo(tenant);
            assertThat(handlers.seen.get(0).identifier()).isEqualTo("id-1");
        });
    }

    @Test
    void anActionHandledByTwoBeans_failsStartUpNamingBoth() {
        runner.withBean("first", PingHandlers.class).withBean("second", PingHandlers.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "@OnTrigger action 'starter_ping' is handled by two beans, 'first' and 'second'");
        });
    }

    @Test
    void anActionAlreadyRegisteredByCode_failsStartUpNamingTheBean() {
        runner.withBean("pings", PingHandlers.class)
                .withInitializer(context -> context.getBeanFactory().addBeanPostProcessor(
                        new BeanPostProcessor() {
                            @Override
                            public Object postProcessBeforeInitialization(Object bean, String name) {
                                if (name.equals("pings")) {
                                    context.getBean(TriggerRegistry.class).on("starter_ping", event -> Mono.empty());
                                }
                                return bean;
                            }
                        }))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("of bean 'pings'")
                            .hasStackTraceContaining("already registered");
                });
    }

    @Test
    void stoppingTheContext_drainsARunningHandlerBeforeTheRuntimeCloses() throws Exception {
        runner.withBean("slow", SlowHandler.class).run(context -> {
            SlowHandler handler = context.getBean(SlowHandler.class);
            context.getBean(SymphonyRepositories.class).trigger(TestRedis.uniqueTenant("t")).inNamespace(namespace)
                    .set("starter_slow", "id-1", Duration.ofMillis(50)).block();
            TriggerListener listener = context.getBean(TriggerListener.class);
            assertThat(handler.started.await(10, TimeUnit.SECONDS)).isTrue();

            context.close();

            assertThat(handler.finished).as("the handler finished before close() returned").isTrue();
            assertThat(listener.fireLag().count()).isEqualTo(1);
        });
    }

    @Test
    void aRejectedProperty_failsStartUpNamingItAndItsValue() {
        runner.withPropertyValues("symphony.redis.pool-size=0").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).rootCause().isInstanceOf(IllegalArgumentException.class);
            FailureAnalysis analysis = new InvalidPropertyFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("'symphony.redis.pool-size'").contains("'0'")
                    .contains("poolSize must be > 0");
            assertThat(analysis.getAction()).contains("symphony.redis.pool-size");
        });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SymphonyRedisAutoConfiguration.class))
                .run(context -> {
                    FailureAnalysis analysis = new InvalidPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("'symphony.redis.url' is not set")
                            .contains("symphony.redis.alias-urls.<alias>");
                });
    }

    @Test
    void aMisspelledProperty_failsStartUpNamingIt() {
        runner.withPropertyValues("symphony.redis.uri=redis://localhost:6379").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasRootCauseInstanceOf(UnboundConfigurationPropertiesException.class)
                    .hasStackTraceContaining("symphony.redis.uri");
        });
    }

    @Test
    void anUnreachableServer_failsStartUpNamingTheAliasAndTheProperty() {
        runner.withPropertyValues("symphony.redis.url=redis://127.0.0.1:1", "symphony.redis.connect-timeout=2s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new ConnectFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("redis://127.0.0.1:1")
                            .contains("CONNECTION_REFUSED");
                    assertThat(analysis.getAction()).contains("symphony.redis.url");
                });
    }

    @Test
    void requireTenantProperty_answersAProblemDetailOnThosePaths() {
        runner.withPropertyValues("symphony.redis.web.require-tenant=/chat/**,/state",
                "symphony.redis.web.tenant-header=X-Org").run(context -> {
                    WebTestClient client = WebTestClient
                            .bindToWebHandler(exchange -> exchange.getResponse().setComplete())
                            .webFilter(context.getBean(SymphonyWebFilter.class))
                            .build();
                    client.get().uri("/chat/7").exchange().expectStatus().isBadRequest()
                            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .expectBody(String.class).value(body -> assertThat(body)
                                    .contains("GET /chat/7 named no tenant: send the X-Org and X-User-Id headers"));
                    client.get().uri("/elsewhere").exchange().expectStatus().isOk();
                    client.get().uri("/chat/7").header("X-Org", "acme").header("X-User-Id", "u").exchange()
                            .expectStatus().isOk();
                });
        runner.withPropertyValues("symphony.redis.web.require-tenant=/chat/{").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("symphony.redis.web.require-tenant"));
    }

    /** Records every {@code starter_ping} occurrence. */
    public static class PingHandlers {

        final List<TriggerEvent> seen = new CopyOnWriteArrayList<>();

        /** The handler. */
        @OnTrigger("starter_ping")
        public void ping(TriggerEvent event) {
            seen.add(event);
        }
    }

    /** A handler that takes a second and a half. */
    public static class SlowHandler {

        final CountDownLatch started = new CountDownLatch(1);
        volatile boolean finished;

        /** The handler: blocks, as a void handler may. */
        @OnTrigger("starter_slow")
        public void slow(TriggerEvent event) throws InterruptedException {
            started.countDown();
            new CountDownLatch(1).await(1500, TimeUnit.MILLISECONDS);
            finished = true;
        }
    }
}
