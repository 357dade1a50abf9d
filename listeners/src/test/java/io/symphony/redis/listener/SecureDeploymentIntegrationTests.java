package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symphony.redis.RedisCommandException;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.TlsRedisServer;
import io.symphony.redis.testsupport.TlsRedisServer.ClientAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The repositories and the trigger listener as production runs them: over mutual TLS with a private CA, and as an
 * ACL user holding only {@link #LEAST_PRIVILEGE} (the rule the README gives) on a server whose operator enabled
 * keyspace events, so the user needs no {@code CONFIG}.
 */
@Tag("integration")
class SecureDeploymentIntegrationTests {

    /** The smallest ACL rule that runs repositories, scans, scripts and the listener (README, "Security"). */
    static final String LEAST_PRIVILEGE = "~* &__keyevent@*__:expired -@all +@read +@write +@pubsub +@connection "
            + "+evalsha +eval +time -@dangerous";

    private static final Duration START = Duration.ofSeconds(90);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<SymphonyRuntime> runtimes = new ArrayList<>();
    private final List<TriggerListener> listeners = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (TriggerListener listener : listeners) {
            listener.stop().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(30));
        }
        for (SymphonyRuntime runtime : runtimes) {
            runtime.close().block(Duration.ofSeconds(30));
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    /** {@code --user <name> on >app-secret <rule...>}: redis-server quotes each argument, so one per rule word. */
    private static String[] serverArgs(String rule, String user, String... more) {
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("--user", user, "on", ">app-secret"));
        args.addAll(List.of(rule.split(" ")));
        return args.toArray(String[]::new);
    }

    private SymphonyRuntime runtime(SymphonyRedisConfig config) {
        SymphonyRuntime runtime = SymphonyRuntime.create(config).block(START);
        runtimes.add(runtime);
        return runtime;
    }

    /** A few representative calls: hashes with TTL (scripts), shared and handler state, a SCAN, a table row. */
    private static void useRepositories(SymphonyRuntime runtime) {
        SymphonyRepositories repositories = SymphonyRepositories.of(runtime);
        var user = repositories.user("acme", "alice");
        user.upsert(Map.of("name", "Alice", "visits", 1)).then(user.incrementField("visits"))
                .as(StepVerifier::create).expectNext(2L).expectComplete().verify(Duration.ofSeconds(30));
        user.get().as(StepVerifier::create)
                .assertNext(fields -> assertThat(fields).containsEntry("name", "Alice").containsEntry("visits", 2))
                .expectComplete().verify(Duration.ofSeconds(30));
        var state = repositories.sharedState("acme", "alice");
        state.upsert("cart", Map.of("items", 3)).then(state.get("cart")).as(StepVerifier::create)
                .assertNext(fields -> assertThat(fields).containsEntry("items", 3))
                .expectComplete().verify(Duration.ofSeconds(30));
        state.listStates().collectList().as(StepVerifier::create) // SCAN
                .assertNext(names -> assertThat(names).contains("cart"))
                .expectComplete().verify(Duration.ofSeconds(30));
        var handler = repositories.stateHandler("acme", "alice");
        handler.upsert("chat", Map.of("step", "greeting")).then(handler.get("chat")).as(StepVerifier::create)
                .assertNext(fields -> assertThat(fields).containsEntry("step", "greeting"))
                .expectComplete().verify(Duration.ofSeconds(30));
        var table = repositories.table("acme");
        table.upsert("products", "p1", Map.of("price", 5)).then(table.get("products", "p1")).as(StepVerifier::create)
                .assertNext(fields -> assertThat(fields).containsEntry("price", 5))
                .expectComplete().verify(Duration.ofSeconds(30));
    }

    /** Start a listener, set one trigger, and wait until its handler ran exactly once. */
    private void fireOneTrigger(SymphonyRuntime runtime) {
        AtomicInteger fired = new AtomicInteger();
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on("remind", event -> Mono.fromRunnable(fired::incrementAndGet));
        TriggerListener listener = TriggerListener.create(runtime, registry);
        listeners.add(listener);
        listener.start().block(START);
        SymphonyRepositories.of(runtime).trigger("acme").set("remind", "alice", Duration.ofMillis(300))
                .block(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(60)).until(() -> fired.get() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> fired.get() == 1);
    }

    @Test
    void repositoriesAndListener_overMutualTls() {
        TlsRedisServer server = TlsRedisServer.start(ClientAuth.REQUIRED, "--notify-keyspace-events", "Ex",
                "--hz", "100");
        closeables.add(server);
        TlsOptions tls = TlsOptions.builder().caCertificate(server.ca().certificate())
                .clientCertificate(server.clientCertificate().certificate(), server.clientCertificate().privateKey())
                .build();
        SymphonyRuntime runtime = runtime(SymphonyRedisConfig.builder().url(server.tlsUri()).tls(tls)
                .connectTimeout(Duration.ofSeconds(30)).build());

        useRepositories(runtime);
        fireOneTrigger(runtime);

        // every connection of ours is a TLS one: the plain port only ever saw this test's own checks
        assertThat(server.plain().sync(0).clientList()).contains("name=symphony-redis");
    }

    @Test
    void repositoriesAndListener_asLeastPrivilegeAclUser_withoutConfig() {
        PrivateRedisServer server = PrivateRedisServer.start(serverArgs(LEAST_PRIVILEGE, "symphony",
                "--notify-keyspace-events", "Ex", "--hz", "100"));
        closeables.add(server);
        SymphonyRuntime runtime = runtime(SymphonyRedisConfig.builder()
                .url("redis://symphony:app-secret@127.0.0.1:" + server.port()).build());

        useRepositories(runtime);
        fireOneTrigger(runtime);

        assertThat(server.sync(0).aclWhoami()).isEqualTo("default");
        assertThat(server.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events"))
                .isEqualTo("xE"); // untouched: the user could not have changed it
    }

    @Test
    void missingScriptPermission_failsWithNopermNamingTheCommand() {
        PrivateRedisServer server = PrivateRedisServer.start(serverArgs(LEAST_PRIVILEGE + " -evalsha -eval",
                "noscripts"));
        closeables.add(server);
        SymphonyRuntime runtime = runtime(SymphonyRedisConfig.builder()
                .url("redis://noscripts:app-secret@127.0.0.1:" + server.port()).keyspaceEvents(false).build());

        SymphonyRepositories.of(runtime).user("acme", "bob").upsert(Map.of("name", "Bob"))
                .as(StepVerifier::create)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(RedisCommandException.class)
                        .hasMessageContaining("NOPERM").hasMessageContainingAll("evalsha")
                        .hasMessageContaining("acme:user:bob").hasMessageNotContaining("app-secret"))
                .verify(Duration.ofSeconds(30));
    }
}
