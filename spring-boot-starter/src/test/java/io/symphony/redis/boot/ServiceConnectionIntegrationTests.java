package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * {@code @ServiceConnection} on a Redis container: the starter's connection details point every pool alias at it.
 * Runs only where Docker answers (the rest of this module's tests need no Docker).
 */
@EnabledIf("io.symphony.redis.boot.ServiceConnectionIntegrationTests$Docker#available")
@SpringBootTest(classes = ServiceConnectionIntegrationTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"symphony.redis.listener.enabled=false", "symphony.redis.url=redis://127.0.0.1:1"})
class ServiceConnectionIntegrationTests {

    @ServiceConnection
    static final GenericContainer<?> REDIS = started(new GenericContainer<>("redis:7-alpine").withExposedPorts(6379));

    @Autowired
    SymphonyRuntime runtime;

    @Test
    void theContainerWinsOverTheUrlProperty() {
        assertThat(runtime.config().redactedUrl())
                .isEqualTo("redis://" + REDIS.getHost() + ":" + REDIS.getMappedPort(6379));
        assertThat(runtime.ops().ping().block(Duration.ofSeconds(5))).isEqualTo("PONG");
    }

    private static GenericContainer<?> started(GenericContainer<?> container) {
        container.start();
        return container;
    }

    /** The application: only the starter's auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(SymphonyRedisAutoConfiguration.class)
    static class App {
    }

    /** Whether Docker answers; in its own class, so checking does not start the container. */
    static final class Docker {

        private Docker() {
        }

        static boolean available() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}
