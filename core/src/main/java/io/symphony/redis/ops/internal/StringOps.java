package io.symphony.redis.ops.internal;

import io.lettuce.core.SetArgs;
import io.symphony.redis.ops.StringOperations;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** String commands: SET (plain, with TTL, with options), GET, GETDEL. */
public final class StringOps implements StringOperations {

    private static final String OK = "OK";
    private static final Function<String, Boolean> IS_OK = OK::equals;

    private final Executor executor;
    /** Lettuce only reads a {@code SetArgs}, so commands of the same TTL can share one. */
    private final LastTtl<SetArgs> px = new LastTtl<>(SetArgs.Builder::px);

    /** Bind the commands to the executor's alias. */
    public StringOps(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Mono<Boolean> set(String key, String value) {
        Args.key(key);
        Args.notNull(value, "value");
        return executor.mono("SET", key, c -> c.set(key, value).map(IS_OK));
    }

    @Override
    public Mono<Boolean> set(String key, String value, Duration ttl) {
        Args.key(key);
        Args.notNull(value, "value");
        SetArgs options = px.of(Args.ttlMillis(ttl));
        // without NX/XX, SET always replies OK: no empty reply to default
        return executor.mono("SET", key, c -> c.set(key, value, options).map(IS_OK));
    }

    @Override
    public Mono<Boolean> set(String key, String value, SetArgs options) {
        Args.key(key);
        Args.notNull(value, "value");
        Args.notNull(options, "options");
        return executor.mono("SET", key, c -> c.set(key, value, options).map(IS_OK))
                .defaultIfEmpty(false);
    }

    /** Same as a SET with PX: SETEX/PSETEX are deprecated in Lettuce 7 and SET PX has the same effect. */
    @Override
    public Mono<Boolean> setex(String key, Duration ttl, String value) {
        return set(key, value, ttl);
    }

    @Override
    public Mono<String> get(String key) {
        Args.key(key);
        return executor.mono("GET", key, c -> c.get(key));
    }

    @Override
    public Mono<String> getdel(String key) {
        Args.key(key);
        return executor.mono("GETDEL", key, c -> c.getdel(key));
    }
}
