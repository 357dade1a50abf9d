package io.symphony.redis.repository;

import io.symphony.redis.context.NothingBoundException;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Bind a user's {@link RedisSharedState} to a reactive pipeline and read it back anywhere inside it: the Reactor
 * {@link Context} replacement for the original's {@code _current_ss} context variable.
 *
 * <pre>{@code
 * Mono<Object> step = SharedStateContext.current()
 *         .flatMap(state -> state.getField("conversation", "step"));
 * step.contextWrite(SharedStateContext.bind(new RedisSharedState(support, "acme", "u1")));
 * }</pre>
 *
 * <p>The binding lives in the subscriber's context (through {@link SymphonyContext}), never in a thread-local, so
 * it follows every {@code publishOn}/{@code subscribeOn} hop and Redis reply thread, concurrent pipelines never see
 * each other's state, and a synchronous tool run through {@link io.symphony.redis.context.BlockingBridge} reads it
 * with {@code tool.bound(RedisSharedState.class)}. Unlike the original's context variable it cannot be read where
 * it was not bound: {@link #current()} fails instead.
 *
 * @since 0.1
 */
public final class SharedStateContext {

    private SharedStateContext() {
    }

    /**
     * Return a context transformation, for {@code contextWrite}, that binds {@code state} under
     * {@code RedisSharedState.class} and its tenant and user as the {@link TenantScope}, so
     * {@link SymphonyContext#currentScope()} and {@code tool.scope()} agree with the bound state.
     *
     * @throws NullPointerException if {@code state} is null
     * @throws IllegalArgumentException if the state's tenant or user id is blank ({@link TenantScope} rejects it)
     */
    public static Function<Context, Context> bind(RedisSharedState state) {
        Objects.requireNonNull(state, "state");
        Function<Context, Context> bindState = SymphonyContext.bind(RedisSharedState.class, state);
        return bindState.andThen(SymphonyContext.bindScope(new TenantScope(state.tenant(), state.userId())));
    }

    /**
     * Read the shared state bound by {@link #bind(RedisSharedState)} from the subscriber's context. Runs no Redis
     * command; emits on the subscribing thread.
     *
     * @return the bound state; fails with {@link NothingBoundException} when the pipeline bound none
     */
    public static Mono<RedisSharedState> current() {
        return SymphonyContext.current(RedisSharedState.class);
    }
}
