package io.symphony.redis.micrometer;

import io.micrometer.context.ThreadLocalAccessor;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * A context-propagation {@link ThreadLocalAccessor} for the {@link TenantScope} bound in the Reactor Context (by
 * {@link SymphonyContext#bindScope}, the WebFlux filter, a trigger handler's restored context): with Reactor's
 * automatic context propagation on, each operator of a pipeline runs with the SLF4J MDC entries {@value #MDC_TENANT}
 * and {@value #MDC_USER} of the scope bound downstream, and without them where none is bound. Register it with
 * {@link SymphonyObservability#registerTenantScopeAccessor()}.
 *
 * <p>The tenant and user ids reach every log line written meanwhile: if they are personal data, mind where the logs
 * go.
 *
 * @since 0.1
 */
public final class TenantScopeAccessor implements ThreadLocalAccessor<TenantScope> {

    /** The MDC key of the tenant id. */
    public static final String MDC_TENANT = "tenant";
    /** The MDC key of the user id. */
    public static final String MDC_USER = "user";

    private static final ThreadLocal<@Nullable TenantScope> CURRENT = new ThreadLocal<>();

    /** Create the accessor; all instances share one thread-local. */
    public TenantScopeAccessor() {
    }

    /** Return the Reactor Context key a {@link TenantScope} is bound under. */
    @Override
    public Object key() {
        return SymphonyContext.contextKey(TenantScope.class);
    }

    /** Return the scope set on this thread by this accessor, or {@code null}. */
    @Override
    public @Nullable TenantScope getValue() {
        return CURRENT.get();
    }

    /** Set the scope on this thread and put its tenant and user in the MDC. */
    @Override
    public void setValue(TenantScope scope) {
        CURRENT.set(scope);
        MDC.put(MDC_TENANT, scope.tenant());
        MDC.put(MDC_USER, scope.userId());
    }

    /** Clear the scope of this thread and remove its MDC entries. */
    @Override
    public void setValue() {
        CURRENT.remove();
        MDC.remove(MDC_TENANT);
        MDC.remove(MDC_USER);
    }
}
