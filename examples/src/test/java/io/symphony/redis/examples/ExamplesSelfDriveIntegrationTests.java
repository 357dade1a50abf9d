package io.symphony.redis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Run the demo's self-driving mode in this JVM, as {@code java -jar symphony-redis-demo.jar --self-drive} would:
 * the service on a random port, its own Redis (or {@code REDIS_URL}), the scripted conversation of 3 tenants x 2
 * users; it must report every batch processed exactly once, within a minute, and exit without a warning about
 * its own shutdown.
 */
class ExamplesSelfDriveIntegrationTests {

    @Test
    void selfDriveProcessesEveryBatchExactlyOnceAndExitsZero() {
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        // The demo logs WARN and above to the console (see application.properties); keep a copy of what it prints.
        System.setOut(new PrintStream(new TeeStream(original, copy), true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> ChatDemo.selfDrive(new String[] {ChatDemo.SELF_DRIVE}));
        } finally {
            System.setOut(original);
        }
        assertThat(exitCode).as("self-drive exit code (its output above says which check failed)").isZero();
        assertThat(copy.toString(StandardCharsets.UTF_8))
                .as("an orderly exit reports no lost connection and closes nothing twice")
                .doesNotContain("lost; re-connecting")
                .doesNotContain("Connection is already closed");
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {

        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
