package io.symphony.redis.webflux;

import io.symphony.redis.context.BlockingBridge;
import io.symphony.redis.context.BlockingTool;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.context.ToolContext;
import io.symphony.redis.repository.RedisSharedState;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Base class of synchronous tools that read and write the current user's shared state: the original's
 * {@code AsyncBaseTool} ({@code get_state}, {@code upsert_state}, {@code get_state_field},
 * {@code update_state_field}) on the {@link BlockingBridge}.
 *
 * <pre>{@code
 * final class EmailValidatorTool extends SymphonyTool<String> {
 *     private final String email;
 *     EmailValidatorTool(String email) { this.email = email; }
 *
 *     protected String execute() {
 *         updateStateField("tool_history", "last_tool", "email_validator");
 *         boolean valid = email.contains("@");
 *         updateStateField("validation_results", email, valid, Duration.ofHours(1));
 *         return "Email " + email + " is " + (valid ? "valid" : "invalid");
 *     }
 * }
 *
 * // in a handler behind SymphonyWebFilter:
 * Mono<String> reply = new EmailValidatorTool(email).runOn(runtime.bridge());
 * }</pre>
 *
 * <p>{@link #runOn(BlockingBridge)} runs {@link #execute()} on the runtime's bounded tool scheduler, never on a
 * Netty event loop, with the caller's Reactor context: the state helpers act on the {@link RedisSharedState} the
 * caller bound (for a request, the one {@link SymphonyWebFilter} bound). Each helper is one Redis call that waits at
 * most the bridge's timeout, then throws {@link io.symphony.redis.context.ToolTimeoutException}; Redis errors are
 * thrown as they arrive ({@link io.symphony.redis.RedisCommandException}). Unlike the original, the TTL overloads
 * renew the state's TTL to the value given. Whatever {@code execute()} throws reaches the caller as
 * {@code onError}.
 *
 * <p>An instance runs once at a time (a second concurrent run fails with {@link IllegalStateException}); create
 * one per call, as the original's pydantic tools are. The helpers may only be called from {@code execute()}.
 *
 * @param <T> the tool's result
 * @since 0.1
 */
public abstract class SymphonyTool<T> implements BlockingTool<T> {

    private final AtomicReference<@Nullable ToolContext> running = new AtomicReference<>();

    /** Create the tool; it does nothing until run. */
    protected SymphonyTool() {
    }

    /**
     * Do the tool's work on a tool thread; it may block and call the state helpers.
     *
     * @return the result; {@code null} makes the returned {@code Mono} complete empty
     * @throws Exception any failure, delivered to the caller as {@code onError}
     */
    protected abstract @Nullable T execute() throws Exception;

    /**
     * Run this tool through {@code bridge}: on its tool scheduler, with the subscriber's context. Cold: every
     * subscription runs the tool again.
     *
     * @return the result of {@link #execute()}; empty when it returns {@code null}; its exception as
     *     {@code onError}
     */
    public final Mono<T> runOn(BlockingBridge bridge) {
        Objects.requireNonNull(bridge, "bridge");
        return bridge.run(this);
    }

    /**
     * Run {@link #execute()} with {@code context} available to the helpers; called by the bridge on a tool thread.
     *
     * @throws IllegalStateException if this instance is already running
     */
    @Override
    public final @Nullable T run(ToolContext context) throws Exception {
        Objects.requireNonNull(context, "context");
        if (!running.compareAndSet(null, context)) {
            throw new IllegalStateException(getClass().getName() + " is already running: create one per call");
        }
        try {
            return execute();
        } finally {
            running.set(null);
        }
    }

    /**
     * The caller's shared state.
     *
     * @throws io.symphony.redis.context.NothingBoundException if the caller bound none (a request without tenant)
     */
    protected final RedisSharedState sharedState() {
        return context().bound(RedisSharedState.class);
    }

    /** The caller's tenant and user; throws {@link io.symphony.redis.context.NothingBoundException} if none. */
    protected final TenantScope scope() {
        return context().scope();
    }

    /**
     * Subscribe to {@code call} with the caller's context and wait for it, at most the bridge's timeout.
     *
     * @return the value, or empty when the call completes empty
     */
    protected final <R> Optional<R> await(Mono<R> call) {
        return context().await(call);
    }

    /** Read a whole state ({@code HGETALL}, decoded untyped); an empty map when it does not exist. */
    protected final Map<String, @Nullable Object> getState(String stateName) {
        return await(sharedState().get(stateName)).orElse(Map.of());
    }

    /** Set the fields of {@code data} and renew the TTL to the repository default, atomically; returns true. */
    protected final boolean upsertState(String stateName, Map<String, ?> data) {
        return Boolean.TRUE.equals(await(sharedState().upsert(stateName, data)).orElse(false));
    }

    /** Set the fields of {@code data} and renew the TTL to {@code ttl}, atomically; returns true. */
    protected final boolean upsertState(String stateName, Map<String, ?> data, Duration ttl) {
        return Boolean.TRUE.equals(await(sharedState().upsert(stateName, data, ttl)).orElse(false));
    }

    /** Read one field ({@code HGET}, decoded untyped); {@code null} when missing. */
    protected final @Nullable Object getStateField(String stateName, String field) {
        return await(sharedState().getField(stateName, field)).orElse(null);
    }

    /** Read one field decoded as {@code type}; {@code null} when missing. */
    protected final <V> @Nullable V getStateField(String stateName, String field, Class<V> type) {
        return await(sharedState().getField(stateName, field, type)).orElse(null);
    }

    /** Set one field and renew the state's TTL to the repository default, atomically; returns true. */
    protected final boolean updateStateField(String stateName, String field, @Nullable Object value) {
        return Boolean.TRUE.equals(await(sharedState().updateField(stateName, field, value)).orElse(false));
    }

    /** Set one field and renew the state's TTL to {@code ttl}, atomically; returns true. */
    protected final boolean updateStateField(String stateName, String field, @Nullable Object value, Duration ttl) {
        return Boolean.TRUE.equals(await(sharedState().updateField(stateName, field, value, ttl)).orElse(false));
    }

    private ToolContext context() {
        ToolContext context = running.get();
        if (context == null) {
            throw new IllegalStateException("State helpers can only be called from execute() while the tool runs");
        }
        return context;
    }
}
