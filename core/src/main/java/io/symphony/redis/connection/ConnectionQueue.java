package io.symphony.redis.connection;

import io.lettuce.core.api.StatefulConnection;
import io.symphony.redis.RuntimeClosedException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A fair, non-blocking hand-out of a fixed set of connections: a borrower gets an idle connection at once or
 * waits in FIFO order until one is given back.
 *
 * <p>All hand-outs happen in {@link #drain()}, which one thread at a time runs (a work-in-progress counter), so a
 * connection is never given to two borrowers. A borrower that cancels while waiting is skipped; one that cancels
 * after its connection was granted gets it discarded, and the discard hook gives it back.
 */
final class ConnectionQueue {

    private final Queue<StatefulConnection<String, String>> idle = new ConcurrentLinkedQueue<>();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean closed;

    void add(StatefulConnection<String, String> connection) {
        idle.add(connection);
        drain();
    }

    /** Emit a connection as soon as one is free; the caller must {@link #giveBack} it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Mono<StatefulConnection<String, String>> borrow() {
        return Mono.<StatefulConnection<String, String>>create(sink -> {
            if (closed) {
                sink.error(closedError());
                return;
            }
            Waiter waiter = new Waiter(sink);
            sink.onCancel(waiter::cancel);
            waiters.add(waiter);
            drain();
        }).doOnDiscard(StatefulConnection.class, connection -> giveBack(connection));
    }

    void giveBack(StatefulConnection<String, String> connection) {
        idle.add(connection);
        drain();
    }

    /**
     * Refuse new borrowers and fail the waiting ones; every connection, idle or not, is closed by the owner, this
     * only forgets the idle ones.
     */
    void close() {
        closed = true;
        idle.clear();
        Waiter waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.fail(closedError());
        }
    }

    private static RuntimeClosedException closedError() {
        return new RuntimeClosedException("The connection pool is closed");
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            handOut();
        } while (wip.decrementAndGet() != 0);
    }

    private void handOut() {
        while (true) {
            Waiter waiter = waiters.peek();
            if (waiter == null) {
                return;
            }
            if (waiter.isCancelled()) {
                waiters.poll();
                continue;
            }
            StatefulConnection<String, String> connection = idle.poll();
            if (connection == null) {
                return;
            }
            waiters.poll();
            if (!waiter.grant(connection)) {
                idle.add(connection);
            }
        }
    }

    private static final class Waiter {

        private static final int WAITING = 0;
        private static final int GRANTED = 1;
        private static final int CANCELLED = 2;

        private final MonoSink<StatefulConnection<String, String>> sink;
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Waiter(MonoSink<StatefulConnection<String, String>> sink) {
            this.sink = sink;
        }

        boolean grant(StatefulConnection<String, String> connection) {
            if (!state.compareAndSet(WAITING, GRANTED)) {
                return false;
            }
            sink.success(connection);
            return true;
        }

        void fail(Throwable error) {
            if (state.compareAndSet(WAITING, CANCELLED)) {
                sink.error(error);
            }
        }

        void cancel() {
            state.compareAndSet(WAITING, CANCELLED);
        }

        boolean isCancelled() {
            return state.get() == CANCELLED;
        }
    }
}
