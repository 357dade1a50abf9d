package io.symphony.redis.micrometer;

import static io.symphony.redis.micrometer.MeterNames.TAG_DB;
import static io.symphony.redis.micrometer.MeterNames.TAG_OUTCOME;
import static io.symphony.redis.micrometer.MeterNames.TAG_POOL;
import static io.symphony.redis.micrometer.MeterNames.TAG_SERVER;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.symphony.redis.RuntimeClosedException;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.connection.ConnectionObserver;
import io.symphony.redis.connection.PoolExhaustedException;
import io.symphony.redis.connection.PoolUsage;
import io.symphony.redis.connection.RedisTarget;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The connection meters of one runtime: per (server, DB) target the active connections and the re-connects and
 * disconnects, and for {@code POOLED} the pool's size, borrowed, idle and waiting counts and the borrow wait. Also
 * tells the command latency recorder which pool each connection serves.
 */
final class ConnectionMeters implements ConnectionObserver {

    private final MeterRegistry meters;
    private final PoolTaggedLatencyRecorder recorder;
    private final Map<RedisTarget, AtomicInteger> active = new ConcurrentHashMap<>();
    private final List<Meter> gauges = new CopyOnWriteArrayList<>();

    ConnectionMeters(MeterRegistry meters, PoolTaggedLatencyRecorder recorder) {
        this.meters = meters;
        this.recorder = recorder;
    }

    static Tags tags(RedisTarget target) {
        return Tags.of(TAG_SERVER, target.server(), TAG_DB, Integer.toString(target.db()), TAG_POOL, pool(target));
    }

    static String pool(RedisTarget target) {
        return String.join(",", target.aliases());
    }

    @Override
    public void opening(List<RedisTarget> targets) {
        for (RedisTarget target : targets) {
            AtomicInteger count = active.computeIfAbsent(target, t -> new AtomicInteger());
            gauges.add(Gauge.builder(MeterNames.CONNECTIONS_ACTIVE, count, AtomicInteger::get)
                    .description("Connections of the runtime's clients to this (server, DB) that are connected")
                    .tags(tags(target)).tag("strategy", target.strategy().name()).register(meters));
            if (target.strategy() == ConnectionStrategy.POOLED) {
                poolGauge(target, MeterNames.POOL_SIZE, PoolUsage::size, "Connections of the pool");
                poolGauge(target, MeterNames.POOL_ACQUIRED, PoolUsage::acquired, "Connections borrowed now");
                poolGauge(target, MeterNames.POOL_IDLE, PoolUsage::idle, "Connections open and free now");
                poolGauge(target, MeterNames.POOL_PENDING, PoolUsage::pending, "Borrowers waiting for a connection");
            }
        }
    }

    private void poolGauge(RedisTarget target, String name, ToIntFunction<PoolUsage> value, String description) {
        gauges.add(Gauge.builder(name, target, t -> t.pool().map(value::applyAsInt).orElse(0))
                .description(description).tags(tags(target)).register(meters));
    }

    @Override
    public void connected(RedisTarget target, SocketAddress local, boolean reconnect) {
        active.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
        recorder.bind(local, pool(target));
        if (reconnect) {
            Counter.builder(MeterNames.CONNECTIONS_RECONNECTS)
                    .description("Connections re-established after a loss").tags(tags(target)).register(meters)
                    .increment();
        }
    }

    @Override
    public void disconnected(RedisTarget target, SocketAddress local) {
        active.computeIfAbsent(target, t -> new AtomicInteger()).updateAndGet(n -> Math.max(0, n - 1));
        recorder.unbind(local);
        Counter.builder(MeterNames.CONNECTIONS_DISCONNECTS).description("Connections lost or closed")
                .tags(tags(target)).register(meters).increment();
    }

    @Override
    public void acquired(RedisTarget target, Duration waited, @Nullable Throwable error) {
        Timer.builder(MeterNames.POOL_ACQUIRE)
                .description("Wait of a borrower for a pooled connection, by how it ended")
                .tags(tags(target)).tag(TAG_OUTCOME, outcome(error))
                .register(meters).record(waited);
    }

    private static String outcome(@Nullable Throwable error) {
        if (error == null) {
            return "success";
        }
        if (error instanceof PoolExhaustedException) {
            return "exhausted";
        }
        return error instanceof RuntimeClosedException ? "closed" : "error";
    }

    @Override
    public void closed(List<RedisTarget> targets) {
        targets.forEach(target -> active.computeIfAbsent(target, t -> new AtomicInteger()).set(0));
        gauges.forEach(meters::remove);
        gauges.clear();
    }
}
