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

    /** Create the accessor; it keeps nothing of its own: the MDC entries are the thread's value. */
    public TenantScopeAccessor() {
    }

    /** Return the Reactor Context key a {@link TenantScope} is bound under. */
    @Override
    public Object key() {
        return SymphonyContext.contextKey(TenantScope.class);
    }

    /**
     * Return the scope whose tenant and user this thread's MDC holds, or {@code null} when either entry is missing
     * or is not a valid scope (blank): the MDC is where the value lives, so no thread-local of our own can disagree
     * with what the log lines show.
     */
    @Override
    public @Nullable TenantScope getValue() {
        String tenant = MDC.get(MDC_TENANT);
        String user = MDC.get(MDC_USER);
        if (tenant == null || user == null || tenant.isBlank() || user.isBlank()) {
            return null;
        }
        return new TenantScope(tenant, user);
    }

    /** Put the scope's tenant and user in this thread's MDC. */
    @Override
    public void setValue(TenantScope scope) {
        MDC.put(MDC_TENANT, scope.tenant());
        MDC.put(MDC_USER, scope.userId());
    }

    /** Remove this thread's MDC entries of the scope. */
    @Override
    public void setValue() {
        MDC.remove(MDC_TENANT);
        MDC.remove(MDC_USER);
    }
}
