package io.symphony.redis.webflux.autoconfigure;

import io.symphony.redis.listener.TriggerListener;
import org.springframework.context.SmartLifecycle;

/**
 * Start the trigger listener once every singleton exists (so handlers registered from other beans are there) and
 * stop it before the runtime closes.
 */
final class ListenerLifecycle implements SmartLifecycle {

    private final TriggerListener listener;
    private volatile boolean running;

    ListenerLifecycle(TriggerListener listener) {
        this.listener = listener;
    }

    @Override
    public void start() {
        // allowed-blocking: context start-up; the application is ready only once triggers are being received
        listener.start().block(SymphonyRedisAutoConfiguration.START_TIMEOUT); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
        running = true;
    }

    @Override
    public void stop() {
        // allowed-blocking: context shutdown; running handlers finish first
        listener.stop().block(SymphonyRedisAutoConfiguration.START_TIMEOUT); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
