package io.symphony.redis.repository.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.repository.RedisSharedState;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.repository.SharedStateContext;
import io.symphony.redis.repository.TriggerContextPropagator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The snapshot of the context a trigger was set in, as stored in its namespace's {@code ctx} hash: a JSON object
 * with the tenant scope ({@code tenant}, {@code user}), the bound shared state's identity ({@code ss}: tenant, user,
 * pool, default TTL in ms) and the propagators' values ({@code x}: name to value).
 */
public final class TriggerContextCodec {

    private static final Logger log = LoggerFactory.getLogger(TriggerContextCodec.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TriggerContextCodec() {
    }

    /**
     * Capture the snapshot of {@code context}.
     *
     * @return the JSON, or empty when the context holds nothing to carry
     * @throws IllegalArgumentException if a propagator's value or the number of propagators exceeds the bounds of
     *     {@link TriggerContextPropagator}
     */
    public static Optional<String> capture(ContextView context, List<TriggerContextPropagator> propagators) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        SymphonyContext.find(context, TenantScope.class).ifPresent(scope -> {
            snapshot.put("tenant", scope.tenant());
            snapshot.put("user", scope.userId());
        });
        SymphonyContext.find(context, RedisSharedState.class).ifPresent(state -> snapshot.put("ss", Map.of(
                "tenant", state.tenant(), "user", state.userId(), "pool", state.pool(),
                "ttl", state.defaultTtl().toMillis())));
        if (propagators.size() > TriggerContextPropagator.MAX_PROPAGATORS) {
            throw new IllegalArgumentException("at most " + TriggerContextPropagator.MAX_PROPAGATORS
                    + " trigger context propagators, were " + propagators.size());
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (TriggerContextPropagator propagator : propagators) {
            propagator.capture(context).ifPresent(value -> {
                if (value.length() > TriggerContextPropagator.MAX_VALUE_CHARS) {
                    throw new IllegalArgumentException("trigger context propagator '" + propagator.name()
                            + "' captured " + value.length() + " characters, more than "
                            + TriggerContextPropagator.MAX_VALUE_CHARS);
                }
                extra.put(propagator.name(), value);
            });
        }
        if (!extra.isEmpty()) {
            snapshot.put("x", extra);
        }
        return snapshot.isEmpty() ? Optional.empty() : Optional.of(JSON.writeValueAsString(snapshot));
    }

    /**
     * Restore {@code json} (from {@link #capture}) into {@code context}: the tenant scope, the shared state bound as
     * {@link SharedStateContext#bind} binds it, then each propagator's value. Entries without a propagator are
     * ignored.
     */
    public static Context restore(Context context, String json, RepositorySupport support,
            List<TriggerContextPropagator> propagators) {
        Map<?, ?> snapshot = JSON.readValue(json, Map.class);
        Context restored = context;
        if (snapshot.get("tenant") instanceof String tenant && snapshot.get("user") instanceof String user) {
            restored = SymphonyContext.bindScope(new TenantScope(tenant, user)).apply(restored);
        }
        if (snapshot.get("ss") instanceof Map<?, ?> ss && ss.get("tenant") instanceof String tenant
                && ss.get("user") instanceof String user && ss.get("pool") instanceof String pool
                && ss.get("ttl") instanceof Number ttl) {
            RedisSharedState state = new RedisSharedState(support, tenant, user).onPool(pool)
                    .withDefaultTtl(Duration.ofMillis(ttl.longValue()));
            restored = SharedStateContext.bind(state).apply(restored);
        } else if (snapshot.containsKey("ss")) {
            log.warn("Trigger context snapshot has a malformed shared-state entry; the handler runs without it: {}",
                    snapshot.get("ss"));
        }
        if (snapshot.get("x") instanceof Map<?, ?> extra) {
            for (TriggerContextPropagator propagator : propagators) {
                if (extra.get(propagator.name()) instanceof String value) {
                    restored = propagator.restore(restored, value);
                }
            }
        }
        return restored;
    }
}
