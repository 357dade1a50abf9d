package io.symphony.redis.connection.internal;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.config.internal.PoolEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * N multiplexed connections to one (server, DB), each used by every caller at once. Lettuce pins a connection to
 * one Netty event loop, so one connection keeps its reads, writes and reply decoding on one thread; several spread
 * that work over the event loops.
 *
 * <p>Which connection a publisher takes: the one whose replies arrive on the calling thread while it carries fewer
 * than {@link #AFFINITY_MAX_IN_FLIGHT} commands, otherwise the next one in turn. Light traffic thus stays on one
 * event loop: a chain of commands (a write, then a read issued from the write's reply) is written from the loop's
 * own thread and goes out without waking another thread, where alternating connections hand every command over
 * to the other event loop (measured 0.63x one connection at 1 in flight, 0.94x with this rule). Heavy traffic
 * goes round robin, which is where several event loops pay (1.3-1.7x one connection at 256 in flight).
 */
final class RoundRobinSharedTarget implements ConnectionTarget {

    /** Below this many commands in flight on the connection replying on the calling thread, that one is taken. */
    static final int AFFINITY_MAX_IN_FLIGHT = 4;

    private final List<Lane> lanes;
    private final AtomicInteger next = new AtomicInteger();

    private RoundRobinSharedTarget(List<SharedTarget> connections) {
        List<Lane> built = new ArrayList<>(connections.size());
        connections.forEach(connection -> built.add(new Lane(connection)));
        this.lanes = List.copyOf(built);
    }

    /**
     * Open {@code count} connections to {@code endpoint}, all at once; if one fails, the ones opened are closed and
     * the error is passed on.
     *
     * <p>All at once because Netty gives each new connection the next event loop of the client's group when the
     * connect starts: started back to back, a target's connections get consecutive loops, so two connections on two
     * I/O threads use both. Started one after the other's completion, other targets' connects (all targets open at
     * once) fall in between, and half the time both landed on one loop, which made the second connection useless
     * (measured: 37k instead of 65k ops/s at 256 in flight, depending on the fork).
     */
    static Mono<ConnectionTarget> open(LettuceConnector connector, PoolEndpoint endpoint, int count) {
        return Mono.defer(() -> {
            List<SharedTarget> opened = Collections.synchronizedList(new ArrayList<>(count));
            return Flux.range(0, count)
                    .flatMap(i -> connector.connect(endpoint).map(SharedTarget::new).doOnNext(opened::add), count)
                    .then(Mono.fromSupplier(() -> (ConnectionTarget) new RoundRobinSharedTarget(opened)))
                    .onErrorResume(error -> closeAll(opened).then(Mono.error(error)));
        });
    }

    private Lane pick() {
        Thread current = Thread.currentThread();
        for (Lane lane : lanes) {
            if (lane.repliesOn(current) && lane.inFlight.get() < AFFINITY_MAX_IN_FLIGHT) {
                return lane;
            }
        }
        return lanes.get(Math.floorMod(next.getAndIncrement(), lanes.size()));
    }

    @Override
    public <T> Mono<T> withCommands(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        Lane lane = pick();
        return lane.started(() -> lane.connection.withCommands(alias, action)).doFinally(lane::finished);
    }

    @Override
    public <T> Flux<T> withCommandsMany(String alias,
            Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
        Lane lane = pick();
        return lane.started(() -> lane.connection.withCommandsMany(alias, action)).doFinally(lane::finished);
    }

    @Override
    public Mono<Void> close() {
        List<SharedTarget> connections = new ArrayList<>(lanes.size());
        lanes.forEach(lane -> connections.add(lane.connection));
        return closeAll(connections);
    }

    private static Mono<Void> closeAll(List<SharedTarget> targets) {
        return Flux.fromIterable(List.copyOf(targets)).flatMap(SharedTarget::close, 4).then();
    }

    /**
     * One connection with its commands in flight and the thread its last command finished on: Lettuce signals
     * replies on the connection's event loop, so that thread is the loop's (learnt again after a reconnect moves
     * the connection to another loop; a stale value only costs a thread hand-over, never correctness).
     */
    private static final class Lane {

        final SharedTarget connection;
        final AtomicInteger inFlight = new AtomicInteger();
        private volatile @Nullable Thread replyThread;

        Lane(SharedTarget connection) {
            this.connection = connection;
        }

        /** Count one more command in flight and build it; a build that throws is not counted. */
        <P> P started(Supplier<P> command) {
            inFlight.incrementAndGet();
            try {
                return command.get();
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                throw e;
            }
        }

        boolean repliesOn(Thread thread) {
            return replyThread == thread;
        }

        void finished(SignalType signal) {
            inFlight.decrementAndGet();
            if (signal == SignalType.CANCEL) {
                return; // cancelled on the caller's thread, not the event loop's
            }
            Thread current = Thread.currentThread();
            if (replyThread != current) {
                replyThread = current;
            }
        }
    }
}
