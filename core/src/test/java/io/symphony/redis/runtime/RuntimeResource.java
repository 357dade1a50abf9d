package io.symphony.redis.runtime;

import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.ClassResource;
import java.time.Duration;
import java.util.function.Supplier;

/** The runtime a test class shares: created before its first test, closed after its last. */
public final class RuntimeResource {

    /** How long creating the runtime may take on a loaded machine (Cluster topology discovery included). */
    public static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);
    /** How long closing it may take. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private RuntimeResource() {
    }

    /**
     * Describe a class-scoped runtime; register the result with {@code @RegisterExtension} on a static field.
     *
     * @param config the configuration, read when the class starts (so it may use servers started before)
     */
    public static ClassResource<SymphonyRuntime> of(Supplier<SymphonyRedisConfig> config) {
        return ClassResource.of(() -> SymphonyRuntime.create(config.get()).block(CREATE_TIMEOUT),
                runtime -> runtime.close().block(CLOSE_TIMEOUT));
    }
}
