package io.symphony.redis.context;

import io.symphony.redis.RuntimeClosedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs synchronous tools from reactive code: the tool runs on the runtime's bounded tool scheduler, never on the
 * caller's (possibly event-loop) thread, and sees the caller's Reactor context, so the request's shared state is
 * visible from the worker thread without any thread-local.
 *
 * <pre>{@code
 * Mono<String> reply = runtime.bridge().run(tool -> {
 *     RedisSharedState state = tool.bound(RedisSharedState.class);
 *     Object step = tool.await(state.getField("conversation", "step")).orElse(null);
 *     return "step " + step;
 * }).contextWrite(SymphonyContext.bind(RedisSharedState.class, state));
 * }</pre>
 *
 * <p>Inside the tool, {@link ToolContext#await} calls Redis and waits at most the bridge's timeout, then fails with
 * {@link ToolTimeoutException}. Errors thrown by the tool reach the caller as {@code onError}. Once the tool
 * scheduler is disposed (the runtime was closed), {@code run} signals {@link RuntimeClosedException}. Cancelling the
 * returned {@code Mono} interrupts nothing already running, but its result is dropped.
 *
 * @since 0.1
 */
public final class BlockingBridge {

    private final Scheduler toolScheduler;
    private final Duration callTimeout;

    /**
     * Create a bridge.
     *
     * @param toolScheduler a scheduler whose threads may block (a bounded elastic one)
     * @param callTimeout the longest a tool waits for one Redis call
     */
    public BlockingBridge(Scheduler toolScheduler, Duration callTimeout) {
        this.toolScheduler = Objects.requireNonNull(toolScheduler, "toolScheduler");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isZero() || callTimeout.isNegative()) {
            throw new IllegalArgumentException("callTimeout must be > 0, was " + callTimeout);
        }
    }

    /**
     * Run {@code tool} on the tool scheduler with the subscriber's context.
     *
     * @return the tool's result; empty when it returns {@code null}; {@link RuntimeClosedException} once the
     *     runtime is closed
     */
    public <T> Mono<T> run(BlockingTool<T> tool) {
        Objects.requireNonNull(tool, "tool");
        return Mono.deferContextual(context -> Mono.fromCallable(() -> tool.run(new ToolContext(context, callTimeout))))
                .subscribeOn(toolScheduler)
                .onErrorMap(RejectedExecutionException.class, rejected -> toolScheduler.isDisposed()
                        ? new RuntimeClosedException("Symphony Redis runtime is closed: its tool scheduler runs no "
                                + "more tools")
                        : rejected);
    }

    /** The longest a tool waits for one Redis call. */
    public Duration callTimeout() {
        return callTimeout;
    }
}
