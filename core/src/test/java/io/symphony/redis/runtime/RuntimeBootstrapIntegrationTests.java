package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.PrivateRedisServer;
import io.symphony.redis.testsupport.RedisServerArgs;
import io.symphony.redis.testsupport.RedisTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

/** Start-up against private servers: keyspace-event bootstrap, refused CONFIG, and passwords kept out of logs. */
@RedisTest
class RuntimeBootstrapIntegrationTests {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
    }

    private String allLogText() {
        return logs.list.stream().map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? ""
                : e.getThrowableProxy().getMessage())).collect(Collectors.joining("\n"));
    }

    private static void startAndClose(SymphonyRedisConfig config) {
        SymphonyRuntime runtime = SymphonyRuntime.create(config).block(Duration.ofSeconds(10));
        runtime.close().block(Duration.ofSeconds(10));
    }

    @Test
    void keyspaceBootstrap_addsMissingFlagsAndKeepsExistingOnes(
            @RedisServerArgs({"--notify-keyspace-events", "Kg"}) PrivateRedisServer server) {
        startAndClose(SymphonyRedisConfig.fromUrl(server.uri()));

        String flags = server.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events");
        assertThat(flags).contains("K", "g", "E", "x");
    }

    @Test
    void keyspaceBootstrap_leavesASufficientConfigurationAlone(
            @RedisServerArgs({"--notify-keyspace-events", "KEA"}) PrivateRedisServer server) {
        startAndClose(SymphonyRedisConfig.fromUrl(server.uri()));

        assertThat(server.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events"))
                .isEqualTo("AKE");
    }

    @Test
    void ownedClientResources_capTheReconnectDelayAtTheConfiguredMaximum(PrivateRedisServer server) {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url(server.uri()).keyspaceEvents(false)
                .reconnectDelayMax(Duration.ofMillis(700)).build();
        SymphonyRuntime runtime = SymphonyRuntime.create(config).block(Duration.ofSeconds(10));
        try {
            var delay = runtime.clientResources().reconnectDelay();
            assertThat(delay.createDelay(1)).isLessThan(Duration.ofMillis(700));
            assertThat(delay.createDelay(40)).as("Lettuce's own cap would be 30 s").isEqualTo(Duration.ofMillis(700));
        } finally {
            runtime.close().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void keyspaceBootstrap_off_changesNothing(PrivateRedisServer server) {
        startAndClose(SymphonyRedisConfig.builder().url(server.uri()).keyspaceEvents(false).build());

        assertThat(server.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events")).isEmpty();
    }

    @Test
    void refusedConfig_logsOneWarningAndStartsAnyway(
            @RedisServerArgs({"--rename-command", "CONFIG", ""}) PrivateRedisServer server) {
        startAndClose(SymphonyRedisConfig.fromUrl(server.uri()));

        List<ILoggingEvent> warnings = logs.list.stream()
                .filter(e -> e.getFormattedMessage().contains("notify-keyspace-events")
                        && e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains("127.0.0.1:" + server.port());
    }

    @Test
    void password_neverReachesLogsOrErrors(
            @RedisServerArgs({"--requirepass", "Sup3rS3cret"}) PrivateRedisServer server) {
        String good = "redis://:Sup3rS3cret@127.0.0.1:" + server.port();
        String bad = "redis://:Wr0ngS3cret@127.0.0.1:" + server.port();

        startAndClose(SymphonyRedisConfig.fromUrl(good + "/4"));
        SymphonyRuntime.create(SymphonyRedisConfig.fromUrl(bad)).as(StepVerifier::create)
                .verifyErrorSatisfies(e -> assertThat(e).hasMessageNotContaining("Wr0ngS3cret")
                        .hasMessageContaining("***@"));

        assertThat(logs.list).isNotEmpty();
        assertThat(allLogText()).doesNotContain("Sup3rS3cret").doesNotContain("Wr0ngS3cret").contains("***@");
    }
}
