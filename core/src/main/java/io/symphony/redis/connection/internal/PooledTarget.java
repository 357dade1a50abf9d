package io.symphony.redis.connection.internal;

import io.symphony.redis.connection.ConnectionObserver;
import io.symphony.redis.connection.PoolExhaustedException;
import io.symphony.redis.connection.PoolUsage;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.connection.internal.QuietClose;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolAcquireTimeoutException;
import reactor.pool.PoolBuilder;
import reactor.pool.PoolShutdownException;
import reactor.pool.PooledRef;

/**
 * A fixed pool of connections to one target, on reactor-pool. A caller borrows one connection for the whole
 * publisher it runs, so {@code MULTI}/{@code EXEC} or a blocking pop never interleave with other callers; when every
 * connection is out, callers wait in FIFO order, at most {@code poolMaxPendingAcquires} of them and each at most
 * {@code poolAcquireTimeout}. The lease is released on complete, error and cancel. Lettuce reconnects each
 * connection by itself, so the pool never needs to replace one.
 */
final class PooledTarget implements ConnectionTarget, PoolUsage {

    private final InstrumentedPool<StatefulConnection<String, String>> pool;
    private final int size;
    private final Duration acquireTimeout;
    private final int maxPending;
    /**
     * Fails the borrowers still waiting when the pool closes. reactor-pool fails the ones it has queued, but a
     * borrower that passed its disposed check just before {@code disposeLater()} is dropped without a signal.
     */
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private final ObservedTarget target;
    private final ConnectionObserver observer;

    PooledTarget(Mono<StatefulConnection<String, String>> connect, SymphonyRedisConfig config, ObservedTarget target,
            ConnectionObserver observer) {
        this.target = target;
        this.observer = observer;
        this.size = config.poolSize();
        this.acquireTimeout = config.poolAcquireTimeout();
        this.maxPending = config.poolMaxPendingAcquires();
        this.pool = PoolBuilder.from(connect)
                .sizeBetween(size, size, size)
                .maxPendingAcquire(maxPending)
                .destroyHandler(QuietClose::close)
                .buildPool();
        target.pool(this);
    }

    /** Open every connection of the pool; fails with the first connect failure (the caller then closes the pool). */
    Mono<PooledTarget> warmUp() {
        return pool.warmup().thenReturn(this);
    }

    @Override
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        return Mono.usingWhen(acquire(alias),
                ref -> action.apply(LettuceConnector.reactive(ref.poolable())),
                PooledRef::release, (ref, error) -> ref.release(), PooledRef::release);
    }

    @Override
    public <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        return Flux.usingWhen(acquire(alias),
                ref -> action.apply(LettuceConnector.reactive(ref.poolable())),
                PooledRef::release, (ref, error) -> ref.release(), PooledRef::release);
    }

    private Mono<PooledRef<StatefulConnection<String, String>>> acquire(String alias) {
        Mono<PooledRef<StatefulConnection<String, String>>> lease = pool.acquire(acquireTimeout)
                .onErrorMap(error -> translate(alias, error));
        Mono<PooledRef<StatefulConnection<String, String>>> raced = Mono.firstWithSignal(lease,
                closing.asMono().then(Mono.error(() -> ConnectionManager.closedError(alias))));
        return observer == ConnectionObserver.NOOP ? raced : timed(raced);
    }

    /** Tell the observer how long each borrow waited and how it ended (a cancelled borrow tells nothing). */
    private <T> Mono<T> timed(Mono<T> acquire) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return acquire.doOnEach(signal -> {
                if (signal.isOnNext() || signal.isOnError()) {
                    Duration waited = Duration.ofNanos(System.nanoTime() - start);
                    Throwable error = signal.getThrowable();
                    ConnectionEventsWatcher.safely(() -> observer.acquired(target, waited, error));
                }
            });
        });
    }

    private Throwable translate(String alias, Throwable error) {
        if (error instanceof PoolAcquireTimeoutException) {
            return PoolExhaustedException.timedOut(alias, size, acquireTimeout, error);
        }
        if (error instanceof PoolAcquirePendingLimitException) {
            return PoolExhaustedException.pendingLimit(alias, size, maxPending, error);
        }
        if (error instanceof PoolShutdownException) {
            return ConnectionManager.closedError(alias);
        }
        return error;
    }

    /** Borrowed connections not given back yet (for tests and metrics). */
    int borrowed() {
        return pool.metrics().acquiredSize();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int acquired() {
        return pool.metrics().acquiredSize();
    }

    @Override
    public int idle() {
        return pool.metrics().idleSize();
    }

    /** Borrowers waiting for a connection (for tests and metrics). */
    @Override
    public int pending() {
        return pool.metrics().pendingAcquireSize();
    }

    @Override
    public int maxPending() {
        return maxPending;
    }

    /**
     * Fail every waiting and later borrower, then close the idle connections; a borrowed connection is closed when
     * its borrower gives it back (or by the client's shutdown, whichever comes first).
     */
    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            closing.tryEmitEmpty();
            return pool.disposeLater();
        });
    }
}
