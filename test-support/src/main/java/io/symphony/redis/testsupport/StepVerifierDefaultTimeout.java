package io.symphony.redis.testsupport;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.test.StepVerifier;

/**
 * Give every {@link StepVerifier#verify()} without a duration a default timeout, so a publisher that never
 * terminates fails its test instead of stalling the build.
 *
 * <p>Registered through {@code META-INF/services} for JUnit's extension auto-detection: a build turns it on with the
 * configuration parameter {@code junit.jupiter.extensions.autodetection.enabled=true} (this project's build does). The
 * timeout is the configuration parameter {@value #TIMEOUT_PARAMETER} (an ISO-8601 duration such as {@code PT30S}),
 * else {@link #DEFAULT_TIMEOUT}. It is set again before each test class, so a class that calls
 * {@link StepVerifier#setDefaultTimeout(Duration)} in its {@code @BeforeAll} keeps its own for its tests only;
 * {@code verify(Duration)} always wins.
 */
public final class StepVerifierDefaultTimeout implements BeforeAllCallback {

    /** The configuration parameter that sets the timeout. */
    public static final String TIMEOUT_PARAMETER = "symphony.stepverifier.timeout.default";
    /** The timeout when the parameter is not set: generous for a loaded CI machine, far below a hang. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Create the extension (JUnit calls this). */
    public StepVerifierDefaultTimeout() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        StepVerifier.setDefaultTimeout(context.getConfigurationParameter(TIMEOUT_PARAMETER, Duration::parse)
                .orElse(DEFAULT_TIMEOUT));
    }
}
