package io.symphony.redis.connection.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * What an opening publisher (runtime, connection manager) has created so far, released in reverse order when the
 * open is cancelled, times out or fails before it emits; once it emits, the emitted object owns everything.
 *
 * <p>Nested opens share the outermost scope (found in the subscriber {@link Context}), so one release runs every
 * step in reverse creation order: schedulers, then connections, then Lettuce clients, then the client resources whose
 * event loops the connections run on. Releasing connections after their event loops were shut down would fail or
 * log warnings.
 */
public final class ReleaseScope {

    private static final Logger log = LoggerFactory.getLogger(ReleaseScope.class);

    private final Deque<Mono<Void>> steps = new ArrayDeque<>();
    private boolean released;
    private boolean handedOver;

    private ReleaseScope() {
    }

    /**
     * Run {@code open} in the enclosing scope if the subscriber context has one, else in a new scope that is released
     * when the returned publisher is cancelled or fails before it emits.
     */
    public static <T> Mono<T> open(Function<ReleaseScope, Mono<T>> open) {
        return Mono.deferContextual(context -> {
            Optional<ReleaseScope> outer = context.getOrEmpty(ReleaseScope.class);
            if (outer.isPresent()) {
                return open.apply(outer.get());
            }
            return Mono.usingWhen(Mono.fromSupplier(ReleaseScope::new),
                    scope -> open.apply(scope)
                            .doOnNext(opened -> scope.handOver())
                            .contextWrite(Context.of(ReleaseScope.class, scope)),
                    scope -> Mono.empty(),
                    (scope, error) -> scope.release(),
                    ReleaseScope::release);
        });
    }

    /**
     * Remember how to release {@code resource}. If the scope was released meanwhile (the open was cancelled while
     * the resource was being created), release it at once: nobody will ever own it.
     */
    public <T> T track(T resource, Function<? super T, Mono<Void>> release) {
        Mono<Void> step = Mono.defer(() -> release.apply(resource));
        synchronized (this) {
            if (!released) {
                steps.push(step);
                return resource;
            }
        }
        // Nothing awaits this release: the publisher that created the resource was cancelled.
        step.subscribe(null, error -> log.warn("Releasing {} after a cancelled open failed", resource, error));
        return resource;
    }

    private synchronized void handOver() {
        handedOver = true;
        steps.clear();
    }

    /** Run every step in reverse creation order, each even if an earlier one fails; the first failure is reported. */
    private Mono<Void> release() {
        return Mono.defer(() -> {
            List<Mono<Void>> toRun;
            synchronized (this) {
                if (released || handedOver) {
                    return Mono.empty();
                }
                released = true;
                toRun = new ArrayList<>(steps);
                steps.clear();
            }
            return Flux.concatDelayError(Flux.fromIterable(toRun)).then();
        });
    }
}
