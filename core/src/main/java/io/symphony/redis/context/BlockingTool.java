package io.symphony.redis.context;

import org.jspecify.annotations.Nullable;

/**
 * A synchronous tool (the original's {@code BaseTool.run}) that the {@link BlockingBridge} runs on the tool
 * scheduler.
 *
 * @param <T> the tool's result
 * @since 0.1
 */
@FunctionalInterface
public interface BlockingTool<T> {

    /**
     * Do the tool's work; it may block and may call Redis synchronously through {@link ToolContext#await}.
     *
     * @param context the caller's Reactor context and the means to await Redis calls
     * @return the result; {@code null} makes the bridge's {@code Mono} complete empty
     * @throws Exception any failure, delivered to the caller as {@code onError}
     */
    @Nullable T run(ToolContext context) throws Exception;
}
