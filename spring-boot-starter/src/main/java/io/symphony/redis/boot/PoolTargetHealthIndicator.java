package io.symphony.redis.boot;

import io.symphony.redis.connection.PoolAlias;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The health of one pool target, a distinct (server, DB) the runtime connects to: {@code PING} through its first
 * alias, UP with the round trip's latency when the {@code PONG} arrives within the timeout, DOWN with the error
 * otherwise (a lost connection queues the {@code PING} until it times out, so a dead server is DOWN after at most
 * the timeout). Details: the aliases on the target, its redacted endpoint and DB.
 */
final class PoolTargetHealthIndicator implements ReactiveHealthIndicator {

    private final SymphonyRuntime runtime;
    private final List<String> aliases;
    private final PoolAlias target;
    private final Duration timeout;

    PoolTargetHealthIndicator(SymphonyRuntime runtime, List<String> aliases, Duration timeout) {
        this.runtime = runtime;
        this.aliases = List.copyOf(aliases);
        this.target = runtime.connections().alias(aliases.get(0));
        this.timeout = timeout;
    }

    /**
     * One indicator per pool target, named by its first alias (the six default aliases on one URL are six targets,
     * one DB each; aliases whose URLs name the same server and DB share one).
     */
    static ReactiveHealthContributor perTarget(SymphonyRuntime runtime, Duration timeout) {
        Map<String, List<String>> aliasesByTarget = new LinkedHashMap<>();
        for (String alias : runtime.connections().aliases()) {
            PoolAlias pool = runtime.connections().alias(alias);
            aliasesByTarget.computeIfAbsent(pool.endpoint() + "#" + pool.db(), key -> new ArrayList<>()).add(alias);
        }
        Map<String, ReactiveHealthIndicator> indicators = new LinkedHashMap<>();
        aliasesByTarget.values().forEach(aliases ->
                indicators.put(aliases.get(0), new PoolTargetHealthIndicator(runtime, aliases, timeout)));
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }

    @Override
    public Mono<Health> health() {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return runtime.ops().onPool(aliases.get(0)).ping()
                    .timeout(timeout, Mono.error(() -> new TimeoutException("no PONG within " + timeout.toMillis()
                            + " ms")))
                    .map(pong -> describe(Health.up())
                            .withDetail("latencyMillis", (System.nanoTime() - start) / 1_000_000.0)
                            .build());
        }).onErrorResume(error -> Mono.just(describe(Health.down()).withException(error).build()));
    }

    private Health.Builder describe(Health.Builder health) {
        return health.withDetail("aliases", aliases).withDetail("endpoint", target.endpoint())
                .withDetail("db", target.db());
    }
}
