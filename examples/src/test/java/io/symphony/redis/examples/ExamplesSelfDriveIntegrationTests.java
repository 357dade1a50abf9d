package io.symphony.redis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Run the demo's self-driving mode in this JVM, as {@code java -jar symphony-redis-demo.jar --self-drive} would:
 * the service on a random port, its own Redis (or {@code REDIS_URL}), the scripted conversation of 3 tenants x 2
 * users; it must report every batch processed exactly once, within a minute.
 */
class ExamplesSelfDriveIntegrationTests {

    @Test
    void selfDriveProcessesEveryBatchExactlyOnceAndExitsZero() {
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ChatDemo.selfDrive(new String[] {ChatDemo.SELF_DRIVE}));
        assertThat(exitCode).as("self-drive exit code (its output above says which check failed)").isZero();
    }
}
