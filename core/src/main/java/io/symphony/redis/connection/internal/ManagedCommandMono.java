package io.symphony.redis.connection.internal;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * One command of {@link ConnectionManager#withCommands(String, Function, Function)}: on each subscription it checks
 * that the manager is open, builds the command on the alias's target and maps its errors (closed while running,
 * then the caller's translation).
 *
 * <p>It is {@code ErrorMappingMono.defer} with the two closures written out as fields: every command of the
 * toolkit is one of these, and the closures cost two allocations and a call site shared by every other deferred
 * source, which the JIT then cannot inline.
 *
 * @param <T> the value type
 */
final class ManagedCommandMono<T> extends Mono<T> implements Function<Throwable, Throwable>, Scannable {

    private final ConnectionManager manager;
    private final String alias;
    private final ConnectionTarget target;
    private final Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action;
    private final Function<? super Throwable, ? extends Throwable> translate;

    private ManagedCommandMono(ConnectionManager manager, String alias, ConnectionTarget target,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action,
            Function<? super Throwable, ? extends Throwable> translate) {
        this.manager = manager;
        this.alias = alias;
        this.target = target;
        this.action = action;
        this.translate = translate;
    }

    /** The command {@code action} on {@code alias}'s target, its errors mapped, as a {@code Mono}. */
    static <T> Mono<T> of(ConnectionManager manager, String alias, ConnectionTarget target,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action,
            Function<? super Throwable, ? extends Throwable> translate) {
        return onAssembly(new ManagedCommandMono<>(manager, alias, target, action, translate));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Mono<T> command;
        try {
            command = manager.isClosed() ? Mono.error(ConnectionManager.closedError(alias))
                    : Objects.requireNonNull(target.withCommands(alias, action), "The command action returned null");
        } catch (Throwable error) {
            Operators.error(actual, ErrorMappingMono.mapped(this, Operators.onOperatorError(error,
                    actual.currentContext()), actual));
            return;
        }
        command.subscribe(new ErrorMappingMono.ErrorMappingSubscriber<>(actual, this));
    }

    /** The error as the caller sees it: closed while running, then the caller's translation. */
    @Override
    public Throwable apply(Throwable error) {
        return translate.apply(manager.closedWhileRunning(alias, error));
    }

    @Override
    public @Nullable Object scanUnsafe(Attr key) {
        return key == Attr.RUN_STYLE ? Attr.RunStyle.SYNC : null;
    }
}
