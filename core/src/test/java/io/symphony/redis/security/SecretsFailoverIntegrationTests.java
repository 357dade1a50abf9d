package io.symphony.redis.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.internal.ConfigAccess;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.LocalSentinelSetup;
import io.symphony.redis.testsupport.PrivateRedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

/**
 * No data-node password reaches a log line (at DEBUG, for {@code io.symphony} and {@code io.lettuce}), an exception
 * (message and whole cause chain) or a {@code toString()} when the runtime runs on a password-protected Sentinel
 * set-up ({@code requirepass}/{@code masterauth} on the data nodes, {@code sentinel auth-pass} on the sentinels):
 * across start-up through the sentinels, a failed start-up with a wrong password, and a failover after the primary
 * is killed, until writes succeed on the promoted replica.
 */
@Tag("integration")
class SecretsFailoverIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> CAPTURED = List.of("io.symphony", "io.lettuce");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final DebugLogCapture capture = new DebugLogCapture(CAPTURED);
    /** Awaitility polls on a thread of its own. */
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void captureDebugLogs() {
        capture.start();
    }

    @AfterEach
    void restoreLogging() {
        capture.stop();
    }

    @Test
    void noPasswordInLogsExceptionsOrToString_acrossSentinelConnectAndFailover() {
        String password = randomPassword(24);
        try (LocalSentinelSetup setup = LocalSentinelSetup.startWithPassword(password)) {
            String url = setup.uri().replace("redis-sentinel://", "redis-sentinel://:" + password + "@");
            SymphonyRedisConfig config = SymphonyRedisConfig.builder().url(url).poolSize(2).build();
            texts.add(config.toString());
            ConfigAccess.pools(config).forEach(pool -> texts.add(pool.toString()));
            int db = ConfigAccess.pools(config).stream().filter(pool -> pool.alias().equals(PoolAliases.DEFAULT))
                    .mapToInt(PoolEndpoint::db).findFirst().orElseThrow();

            // a wrong password fails start-up on the data node the sentinels name
            SymphonyRedisConfig wrong = config.toBuilder().url(setup.uri()
                    .replace("redis-sentinel://", "redis-sentinel://:wrong-" + password + "@")).build();
            texts.add(wrong.toString());
            SymphonyRuntime.create(wrong).as(StepVerifier::create)
                    .expectErrorSatisfies(error -> texts.add(stackTrace(error)))
                    .verify(TIMEOUT);

            SymphonyRuntime runtime = SymphonyRuntime.create(config).block(TIMEOUT);
            try {
                texts.add(runtime.toString());
                texts.add(runtime.config().toString());
                String key = "secrets-failover:" + UUID.randomUUID();
                assertThat(runtime.ops().set(key, "before").block(TIMEOUT)).isTrue();
                PrivateRedisServer promoted = setup.replica();

                setup.killPrimaryAndAwaitFailover(TIMEOUT);

                AtomicInteger failedWrites = new AtomicInteger();
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                    try {
                        return Boolean.TRUE.equals(runtime.ops().set(key, "after").block(Duration.ofSeconds(5)));
                    } catch (RuntimeException writeFailed) {
                        failedWrites.incrementAndGet();
                        texts.add(stackTrace(writeFailed));
                        return false;
                    }
                });
                assertThat(promoted.sync(db).get(key)).as("the write after the failover, on the promoted replica")
                        .isEqualTo("after");
                assertThat(setup.primary().port()).isEqualTo(promoted.port());
                texts.add(runtime.toString());
                texts.add(setup.toString());
                LoggerFactory.getLogger(SecretsFailoverIntegrationTests.class)
                        .info("{} writes failed during the failover", failedWrites.get());
            } finally {
                runtime.close().block(TIMEOUT);
            }

            List<String> lines = lines();
            texts.addAll(lines);
            assertThat(lines).as("the capture saw DEBUG").anyMatch(line -> line.startsWith("DEBUG"));
            assertThat(lines).as("the capture saw the reconnect after the failover")
                    .anyMatch(line -> line.toLowerCase(Locale.ROOT).contains("reconnect"));
            for (String text : texts) {
                assertThat(text).as("a log line, exception or toString()").doesNotContain(password);
            }
        }
    }

    private List<String> lines() {
        return capture.events().stream()
                .map(event -> event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(
                                event.getThrowableProxy())))
                .toList();
    }

    private static String randomPassword(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
