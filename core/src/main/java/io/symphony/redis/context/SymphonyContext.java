package io.symphony.redis.context;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Carries the current tenant's state in the Reactor {@link Context}, never in a thread-local, so it follows the
 * pipeline across {@code publishOn}, {@code subscribeOn} and every scheduler hop, and two concurrent pipelines
 * never see each other's binding.
 *
 * <p>Bindings are keyed by type: {@code bind(RedisSharedState.class, state)} binds the shared state of one user,
 * {@link #bindScope(TenantScope)} binds the tenant and user. Bind with
 * {@code mono.contextWrite(SymphonyContext.bind(type, value))}, read with {@link #current(Class)}; a binding written
 * further downstream (closer to the subscriber) is visible to everything upstream of it.
 *
 * @since 0.1
 */
public final class SymphonyContext {

    private SymphonyContext() {
    }

    /**
     * Return a context transformation that binds {@code value} under {@code type}, for {@code contextWrite}.
     *
     * @throws NullPointerException if either argument is null
     */
    public static <T> Function<Context, Context> bind(Class<T> type, T value) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        BindingKey key = new BindingKey(type);
        return context -> context.put(key, value);
    }

    /** Bind the tenant and user; shortcut for {@code bind(TenantScope.class, scope)}. */
    public static Function<Context, Context> bindScope(TenantScope scope) {
        return bind(TenantScope.class, scope);
    }

    /**
     * Read the value bound under {@code type} from the subscriber's context.
     *
     * @return a {@code Mono} of the bound value; it fails with {@link NothingBoundException} when nothing is bound
     */
    public static <T> Mono<T> current(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return Mono.deferContextual(context -> find(context, type)
                .map(Mono::just)
                .orElseGet(() -> Mono.error(nothingBound(context, type))));
    }

    /**
     * Return a context transformation, for {@code contextWrite}, that records why nothing is bound in this pipeline
     * (for example "GET /state named no tenant: send the X-Tenant-Id and X-User-Id headers"); a later
     * {@link #current(Class)} or {@code ToolContext.bound(...)} that finds nothing fails with a
     * {@link NothingBoundException} giving this reason. A binding written with {@link #bind} still wins.
     *
     * @throws NullPointerException if {@code reason} is null
     * @since 0.1
     */
    public static Function<Context, Context> explainUnbound(String reason) {
        Objects.requireNonNull(reason, "reason");
        return context -> context.put(UnboundReason.class, new UnboundReason(reason));
    }

    /** The exception for a missing binding of {@code type}: with the recorded reason, if the pipeline gave one. */
    static NothingBoundException nothingBound(ContextView context, Class<?> type) {
        return context.<UnboundReason>getOrEmpty(UnboundReason.class)
                .map(why -> new NothingBoundException(type, why.reason()))
                .orElseGet(() -> new NothingBoundException(type));
    }

    /** Read the bound tenant and user; fails with {@link NothingBoundException} when none is bound. */
    public static Mono<TenantScope> currentScope() {
        return current(TenantScope.class);
    }

    /** Look the binding of {@code type} up in a context view; empty when none. */
    public static <T> Optional<T> find(ContextView context, Class<T> type) {
        return context.<T>getOrEmpty(new BindingKey(type)).map(type::cast);
    }

    /**
     * Return the Reactor Context key a binding of {@code type} is stored under, for context-propagation
     * {@code ThreadLocalAccessor}s that mirror a binding into a thread-local (such as the MDC). Equal for equal types;
     * never equal to an application's own keys.
     */
    public static Object contextKey(Class<?> type) {
        return new BindingKey(Objects.requireNonNull(type, "type"));
    }

    /** Why nothing is bound, under a private key. */
    private record UnboundReason(String reason) {
    }

    /** Private key type, so a binding can never collide with an application's own context keys. */
    private record BindingKey(Class<?> type) {
    }
}
