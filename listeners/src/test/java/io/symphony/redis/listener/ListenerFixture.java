package io.symphony.redis.listener;

import io.lettuce.core.api.sync.RedisCommands;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.repository.RedisTrigger;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.PrivateRedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** A private server with keyspace events and hz 100, runtimes on it, listeners, and per-key handler counts. */
final class ListenerFixture implements AutoCloseable {

    final PrivateRedisServer server;
    final List<SymphonyRuntime> runtimes = new ArrayList<>();
    final List<TriggerListener> listeners = new ArrayList<>();
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    ListenerFixture(String... serverArgs) {
        server = PrivateRedisServer.start(serverArgs.length == 0
                ? new String[] {"--notify-keyspace-events", "Ex", "--hz", "100"} : serverArgs);
    }

    SymphonyRuntime runtime() {
        SymphonyRuntime runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(server.uri()).build())
                .block(Duration.ofSeconds(10));
        runtimes.add(runtime);
        return runtime;
    }

    RedisTrigger triggers(SymphonyRuntime runtime, String tenant) {
        return new RedisTrigger(RepositorySupport.of(runtime.ops(), runtime.codec(), runtime.keys()), tenant);
    }

    /** A registry whose handler for {@code action} counts runs per identifier. */
    TriggerRegistry countingRegistry(String action) {
        TriggerRegistry registry = TriggerRegistry.create();
        registry.on(action, event -> Mono.fromRunnable(
                () -> counts.computeIfAbsent(event.identifier(), id -> new AtomicInteger()).incrementAndGet()));
        return registry;
    }

    TriggerListener listener(SymphonyRuntime runtime, TriggerRegistry registry) {
        TriggerListener listener = TriggerListener.create(runtime, registry);
        listeners.add(listener);
        return listener;
    }

    RedisCommands<String, String> raw() {
        return server.sync(8);
    }

    boolean allOnce(int n) {
        return counts.size() == n && counts.values().stream().allMatch(c -> c.get() == 1);
    }

    long duplicates() {
        return counts.values().stream().filter(c -> c.get() > 1).count();
    }

    @Override
    public void close() {
        listeners.forEach(l -> l.stop().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(30)));
        runtimes.forEach(r -> r.close().block(Duration.ofSeconds(10)));
        server.close();
    }
}
