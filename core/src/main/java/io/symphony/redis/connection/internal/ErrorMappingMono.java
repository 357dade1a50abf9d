package io.symphony.redis.connection.internal;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * {@code Mono.defer(source).onErrorMap(mapper)} as one operator that costs one call per signal: every command of
 * the toolkit passes through two error translations (the connection layer's and the command's), and Reactor's
 * {@code onErrorMap} is an {@code onErrorResume}, whose subscriber keeps the bookkeeping needed to switch to a
 * fallback publisher (atomic request accounting on each signal) that a pure mapping never uses.
 *
 * <p>The upstream subscription is handed on wrapped, so no queue fusion crosses this operator and every error
 * reaches {@code mapper}; any positive demand is passed on as unbounded, since a {@code Mono} emits at most one
 * value. A mapper that throws signals its own error with the original one suppressed, as {@code onErrorMap} does.
 * {@link #map} of an error mapping is one operator with both mappers, so the connection layer's translation and the
 * command's cost one subscriber together.
 *
 * @param <T> the value type
 */
public final class ErrorMappingMono<T> extends Mono<T> implements Scannable {

    private final Supplier<? extends Mono<? extends T>> source;
    private final Function<? super Throwable, ? extends Throwable> mapper;

    private ErrorMappingMono(Supplier<? extends Mono<? extends T>> source,
            Function<? super Throwable, ? extends Throwable> mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    /**
     * A {@code Mono} that calls {@code source} on each subscription and maps the error of what it returns (or what
     * it throws) with {@code mapper}: {@code Mono.defer(source).onErrorMap(mapper)}.
     */
    public static <T> Mono<T> defer(Supplier<? extends Mono<? extends T>> source,
            Function<? super Throwable, ? extends Throwable> mapper) {
        return onAssembly(new ErrorMappingMono<>(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(mapper, "mapper")));
    }

    /**
     * {@code source.onErrorMap(mapper)}, one call per signal. When {@code source} is itself an error mapping, the
     * two become one operator that applies its mapper, then {@code mapper}.
     */
    public static <T> Mono<T> map(Mono<? extends T> source, Function<? super Throwable, ? extends Throwable> mapper) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mapper, "mapper");
        if (source instanceof ErrorMappingMono<? extends T> inner) {
            Function<? super Throwable, ? extends Throwable> first = inner.mapper;
            return onAssembly(new ErrorMappingMono<T>(inner.source, error -> mapper.apply(first.apply(error))));
        }
        return defer(() -> source, mapper);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Mono<? extends T> mono;
        try {
            mono = Objects.requireNonNull(source.get(), "The source supplier returned a null Mono");
        } catch (Throwable error) {
            Operators.error(actual, mapped(mapper, Operators.onOperatorError(error, actual.currentContext()),
                    actual));
            return;
        }
        mono.subscribe(new ErrorMappingSubscriber<>(actual, mapper));
    }

    @Override
    public @Nullable Object scanUnsafe(Attr key) {
        return key == Attr.RUN_STYLE ? Attr.RunStyle.SYNC : null;
    }

    static Throwable mapped(Function<? super Throwable, ? extends Throwable> mapper, Throwable error,
            CoreSubscriber<?> actual) {
        try {
            return Objects.requireNonNull(mapper.apply(error), "The error mapper returned null");
        } catch (Throwable mapperError) {
            return Exceptions.addSuppressed(Operators.onOperatorError(mapperError, actual.currentContext()), error);
        }
    }

    /** Passes every signal on as it is, except errors, which it maps. */
    static final class ErrorMappingSubscriber<T> implements CoreSubscriber<T>, Subscription, Scannable {

        private final CoreSubscriber<? super T> actual;
        private final Function<? super Throwable, ? extends Throwable> mapper;
        private @Nullable Subscription upstream;

        ErrorMappingSubscriber(CoreSubscriber<? super T> actual,
                Function<? super Throwable, ? extends Throwable> mapper) {
            this.actual = actual;
            this.mapper = mapper;
        }

        @Override
        public reactor.util.context.Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T value) {
            actual.onNext(value);
        }

        @Override
        public void onError(Throwable error) {
            actual.onError(mapped(mapper, error, actual));
        }

        @Override
        public void onComplete() {
            actual.onComplete();
        }

        @Override
        public void request(long n) {
            // a Mono emits at most one value, so any positive demand is all of it (as Reactor's Mono.next() asks)
            Objects.requireNonNull(upstream, "request before onSubscribe").request(n > 0 ? Long.MAX_VALUE : n);
        }

        @Override
        public void cancel() {
            Objects.requireNonNull(upstream, "cancel before onSubscribe").cancel();
        }

        @Override
        public @Nullable Object scanUnsafe(Attr key) {
            if (key == Attr.PARENT) {
                return upstream;
            }
            if (key == Attr.ACTUAL) {
                return actual;
            }
            return key == Attr.RUN_STYLE ? Attr.RunStyle.SYNC : null;
        }
    }
}
