package io.symphony.redis.webflux.autoconfigure;

import io.symphony.redis.runtime.SymphonyRuntime;
import org.springframework.beans.factory.DisposableBean;

/** Close the runtime the auto-configuration created when the context shuts down. */
final class RuntimeCloser implements DisposableBean {

    private final SymphonyRuntime runtime;

    RuntimeCloser(SymphonyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void destroy() {
        // allowed-blocking: context shutdown; Spring's destroy callbacks are synchronous
        runtime.close().block(SymphonyRedisAutoConfiguration.START_TIMEOUT); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
    }
}
