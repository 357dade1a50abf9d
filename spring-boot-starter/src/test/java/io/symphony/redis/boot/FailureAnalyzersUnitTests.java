package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.RedisConnectException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** The analyzers find the toolkit's start-up failures wherever Spring wrapped them, and are registered. */
class FailureAnalyzersUnitTests {

    @Test
    void invalidProperty_isDescribedByNameValueAndReason() {
        BeanCreationException failure = new BeanCreationException("symphonyRedisConfig", "failed",
                new InvalidSymphonyRedisPropertyException("symphony.redis.command-timeout", "-1s",
                        "commandTimeout must be > 0, was PT-1S", null));

        FailureAnalysis analysis = new InvalidPropertyFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("The Symphony Redis property 'symphony.redis.command-timeout' "
                + "has the value '-1s', which the toolkit rejects: commandTimeout must be > 0, was PT-1S");
        assertThat(analysis.getAction()).startsWith("Set 'symphony.redis.command-timeout' to a valid value");
    }

    @Test
    void connectFailure_namesAliasEndpointAndTheUrlProperties() {
        BeanCreationException failure = new BeanCreationException("symphonyRuntime", "failed",
                new RedisConnectException("user", "redis://bob:***@cache:6379 db 11",
                        RedisConnectException.Reason.AUTHENTICATION_FAILED, "Could not connect pool 'user'",
                        new IllegalStateException("WRONGPASS")));

        FailureAnalysis analysis = new ConnectFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).contains("pool alias 'user'", "redis://bob:***@cache:6379 db 11",
                "AUTHENTICATION_FAILED");
        assertThat(analysis.getAction()).contains("'symphony.redis.url'", "'symphony.redis.alias-urls.user'");
    }

    @Test
    void bothAnalyzersAreRegisteredForBoot() throws IOException {
        Properties factories = new Properties();
        try (InputStream in = SymphonyRedisAutoConfiguration.class.getResourceAsStream("/META-INF/spring.factories")) {
            factories.load(Objects.requireNonNull(in));
        }

        assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
                .contains(InvalidPropertyFailureAnalyzer.class.getName(), ConnectFailureAnalyzer.class.getName());
    }
}
