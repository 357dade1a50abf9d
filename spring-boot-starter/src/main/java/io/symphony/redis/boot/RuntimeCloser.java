package io.symphony.redis.boot;

import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;

/** Close the runtime the auto-configuration created when the context shuts down, after the listener stopped. */
final class RuntimeCloser implements DisposableBean {

    private final SymphonyRuntime runtime;
    private final Duration timeout;

    RuntimeCloser(SymphonyRuntime runtime, Duration timeout) {
        this.runtime = runtime;
        this.timeout = timeout;
    }

    @Override
    public void destroy() {
        // allowed-blocking: context shutdown; Spring's destroy callbacks are synchronous
        runtime.close().block(timeout); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
    }
}
