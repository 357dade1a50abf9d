package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.AutoConfigureTestRedis;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

/** A user's {@code @SpringBootTest} gets a real Redis from one annotation of the test kit, without Docker. */
@SpringBootTest(classes = AutoConfigureTestRedisIntegrationTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "symphony.redis.listener.enabled=false")
@AutoConfigureTestRedis
class AutoConfigureTestRedisIntegrationTests {

    @Autowired
    SymphonyRuntime runtime;

    @Test
    void theRuntimeIsConnectedToTheKitsServer() {
        assertThat(runtime.config().redactedUrl()).isEqualTo(TestRedis.shared().uri());
        assertThat(runtime.ops().ping().block(Duration.ofSeconds(5))).isEqualTo("PONG");
    }

    /** The application: only the starter's auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(SymphonyRedisAutoConfiguration.class)
    static class App {
    }
}
