package io.symphony.redis.examples;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Spring Boot application: Symphony Redis's auto-configuration supplies the runtime, the repositories, the
 * request filter, the trigger registry and the listener; this package adds the controller and the batch handler.
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatBatches.class)
class ChatDemoApplication {
}
