package io.symphony.redis.ops.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.symphony.redis.CodecException;
import io.symphony.redis.ops.RedisScript;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One run of a script as a {@code Mono}: {@code EVALSHA}, and on {@code NOSCRIPT} one {@code EVAL} of the source,
 * the reply converted to the script's declared type.
 *
 * <p>This is every script's path (every atomic write of the repositories), so it is one operator rather than the
 * four it replaces ({@code onErrorResume} for the fallback, {@code onErrorMap} for undecodable replies,
 * {@code mapNotNull} for the conversion, and the {@code Mono} view of Lettuce's publisher): the signals of a reply
 * pass one subscriber instead of three, with no atomic request accounting per signal.
 *
 * <p>Each subscription builds its own command (an output serves one command). A reply Lettuce cannot decode, or one
 * of another shape than the script declares, is a {@link CodecException} naming the script; a {@code nil} reply
 * completes empty; other errors pass unchanged (the executor names command, key and pool).
 *
 * @param <T> the script's result type
 */
final class ScriptCall<T> extends Mono<T> {

    private final RedisClusterReactiveCommands<String, String> commands;
    private final RedisScript<T> script;
    private final String[] keys;
    private final String[] args;

    private ScriptCall(RedisClusterReactiveCommands<String, String> commands, RedisScript<T> script, String[] keys,
            String[] args) {
        this.commands = commands;
        this.script = script;
        this.keys = keys;
        this.args = args;
    }

    /** Run {@code script} on {@code commands} once per subscription. */
    static <T> Mono<T> of(RedisClusterReactiveCommands<String, String> commands, RedisScript<T> script,
            String[] keys, String[] args) {
        return onAssembly(new ScriptCall<>(commands, script, keys, args));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        ScriptCallSubscriber<T> call = new ScriptCallSubscriber<>(actual, this);
        call.send(CommandType.EVALSHA, script.sha1());
    }

    /** Send {@code EVAL}/{@code EVALSHA} with an output that keeps the reply's shape: one reply, one signal. */
    private Publisher<ScriptReplyOutput.Reply> dispatch(CommandType type, String scriptOrDigest) {
        CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8)
                .add(scriptOrDigest).add(keys.length).addKeys(keys).addValues(args);
        return commands.dispatch(type, new ScriptReplyOutput(), commandArgs);
    }

    /**
     * Subscribes to the {@code EVALSHA}, then at most once to the {@code EVAL}; hands the downstream one
     * subscription that always reaches the current command. A {@code Mono} emits at most one value, so any positive
     * demand is passed on as unbounded; a demand or cancel that races with the switch to {@code EVAL} reaches the new
     * command too (both fields are volatile and each side re-reads the other's after writing its own).
     */
    private static final class ScriptCallSubscriber<T>
            implements CoreSubscriber<ScriptReplyOutput.Reply>, Subscription, Scannable {

        private final CoreSubscriber<? super T> actual;
        private final ScriptCall<T> call;
        private volatile @Nullable Subscription upstream;
        private volatile boolean requested;
        private volatile boolean cancelled;
        private boolean fellBack;
        private boolean done;

        ScriptCallSubscriber(CoreSubscriber<? super T> actual, ScriptCall<T> call) {
            this.actual = actual;
            this.call = call;
        }

        void send(CommandType type, String scriptOrDigest) {
            Publisher<ScriptReplyOutput.Reply> command;
            try {
                command = call.dispatch(type, scriptOrDigest);
            } catch (Throwable error) {
                Throwable failure = Operators.onOperatorError(error, actual.currentContext());
                if (fellBack) {
                    actual.onError(failure);
                } else {
                    Operators.error(actual, failure);
                }
                return;
            }
            command.subscribe(this);
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (!fellBack) {
                if (Operators.validate(upstream, s)) {
                    upstream = s;
                    actual.onSubscribe(this);
                }
                return;
            }
            upstream = s;
            if (cancelled) {
                s.cancel();
            } else if (requested) {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(ScriptReplyOutput.Reply reply) {
            if (done) {
                Operators.onNextDropped(reply, actual.currentContext());
                return;
            }
            T value;
            try {
                value = ScriptReplies.convert(call.script, reply);
            } catch (Throwable error) {
                done = true;
                Objects.requireNonNull(upstream, "onNext before onSubscribe").cancel();
                actual.onError(Operators.onOperatorError(error, actual.currentContext()));
                return;
            }
            if (value != null) {
                actual.onNext(value);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (done) {
                Operators.onErrorDropped(error, actual.currentContext());
                return;
            }
            if (!fellBack && error instanceof RedisNoScriptException) {
                // NOSCRIPT: the script did not run; EVAL runs it and caches it on this server
                fellBack = true;
                if (!cancelled) {
                    send(CommandType.EVAL, call.script.source());
                }
                return;
            }
            done = true;
            actual.onError(error instanceof UnsupportedOperationException
                    ? new CodecException(call.script.describe() + " replied a value Lettuce cannot decode into a "
                            + "table: " + error.getMessage(), error)
                    : error);
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                actual.onComplete();
            }
        }

        @Override
        public void request(long n) {
            Subscription current = Objects.requireNonNull(upstream, "request before onSubscribe");
            if (n <= 0) {
                current.request(n); // the command signals the rule violation
                return;
            }
            requested = true;
            current.request(Long.MAX_VALUE);
        }

        @Override
        public void cancel() {
            cancelled = true;
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
            if (key == Attr.CANCELLED) {
                return cancelled;
            }
            return key == Attr.RUN_STYLE ? Attr.RunStyle.SYNC : null;
        }
    }
}
