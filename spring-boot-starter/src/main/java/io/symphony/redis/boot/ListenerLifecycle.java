package io.symphony.redis.boot;

import io.symphony.redis.SymphonyRedisException;
import io.symphony.redis.listener.TriggerListener;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Start the trigger listener once every singleton exists (so every {@code @OnTrigger} bean is registered), before the
 * web server takes requests, and stop it after the web server: stopping waits for the running handlers to finish
 * (each is acknowledged) within Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}; a handler still running
 * then keeps its claim in flight and is delivered again after its lease. The runtime closes after this.
 */
final class ListenerLifecycle implements SmartLifecycle {

    /** Below the web server's phases: starts before it accepts requests, stops after it stopped. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(ListenerLifecycle.class);

    private final TriggerListener listener;
    private final ListenerConnectivity connectivity;
    private final Duration startTimeout;
    private volatile boolean running;
    private volatile @Nullable Disposable tracking;

    ListenerLifecycle(TriggerListener listener, ListenerConnectivity connectivity, Duration startTimeout) {
        this.listener = listener;
        this.connectivity = connectivity;
        this.startTimeout = startTimeout;
    }

    @Override
    public void start() {
        tracking = listener.events().states().subscribe(connectivity::record,
                error -> log.warn("Trigger listener state stream failed: {}", error.toString()));
        // allowed-blocking: context start-up; the application is ready only once triggers are being received
        listener.start()
                .timeout(startTimeout, Mono.error(() -> new SymphonyRedisException("The trigger listener's expiry "
                        + "subscription was not confirmed within " + startTimeout + " (symphony.redis.listener"
                        + ".start-timeout); check that the expiry pool's server is reachable")))
                .block(); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
        running = true;
    }

    /** Stop and wait for the running handlers (for callers outside Boot's lifecycle processor). */
    @Override
    public void stop() {
        // allowed-blocking: context shutdown; running handlers finish first
        listener.stop().block(startTimeout); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
        stopped();
    }

    /** Stop without holding the shutdown thread; Boot waits for {@code callback} up to its shutdown phase timeout. */
    @Override
    public void stop(Runnable callback) {
        listener.stop()
                .doFinally(signal -> {
                    stopped();
                    callback.run();
                })
                .subscribe(done -> { },
                        error -> log.warn("Trigger listener did not stop cleanly: {}", error.toString()));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void stopped() {
        running = false;
        Disposable current = tracking;
        if (current != null) {
            current.dispose();
        }
    }
}
