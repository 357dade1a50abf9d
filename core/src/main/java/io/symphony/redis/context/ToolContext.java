package io.symphony.redis.context;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * What a {@link BlockingTool} sees: the Reactor context of the pipeline that started it, and a way to call Redis
 * synchronously with a timeout. This is the only place in the toolkit that blocks.
 *
 * @since 0.1
 */
public final class ToolContext {

    private final ContextView context;
    private final Duration timeout;

    ToolContext(ContextView context, Duration timeout) {
        this.context = context;
        this.timeout = timeout;
    }

    /**
     * Return the value bound under {@code type} by the caller (for example the user's shared state).
     *
     * @throws NothingBoundException if the caller bound nothing of that type
     */
    public <T> T bound(Class<T> type) {
        return SymphonyContext.find(context, type).orElseThrow(() -> SymphonyContext.nothingBound(context, type));
    }

    /** The tenant and user bound by the caller; throws {@link NothingBoundException} if none. */
    public TenantScope scope() {
        return bound(TenantScope.class);
    }

    /** The caller's whole Reactor context, read-only. */
    public ContextView context() {
        return context;
    }

    /**
     * Subscribe to {@code call} with the caller's context and wait for it on this (tool) thread.
     *
     * @return the value, or empty when the call completes empty
     * @throws ToolTimeoutException if it takes longer than the bridge's timeout (the call is cancelled)
     * @throws IllegalStateException if called on a non-blocking thread (an event loop or parallel scheduler)
     * @throws RuntimeException the call's own error, unchanged when unchecked
     */
    public <T> Optional<T> await(Mono<T> call) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("ToolContext.await() blocks and must not run on a non-blocking thread ("
                    + Thread.currentThread().getName() + "): run the tool through BlockingBridge.run");
        }
        Mono<T> bounded = call.contextWrite(Context.of(context))
                .timeout(timeout, Mono.error(() -> new ToolTimeoutException(timeout)));
        try {
            return bounded.blockOptional(); // allowed-blocking: the documented bridge for synchronous tools
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            if (cause instanceof TimeoutException) {
                throw new ToolTimeoutException(timeout);
            }
            throw e;
        }
    }
}
