package io.symphony.redis.ops;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** String commands: SET (plain, with TTL, with options), GET, GETDEL. */
final class StringOps {

    private static final String OK = "OK";

    private final Executor executor;

    StringOps(Executor executor) {
        this.executor = executor;
    }

    Mono<Boolean> set(String key, String value, String alias) {
        Args.key(key);
        Args.notNull(value, "value");
        return executor.mono("SET", key, alias, c -> c.set(key, value).map(OK::equals));
    }

    Mono<Boolean> set(String key, String value, Duration ttl, String alias) {
        long millis = Args.ttlMillis(ttl);
        return set(key, value, SetArgs.Builder.px(millis), alias);
    }

    Mono<Boolean> set(String key, String value, SetArgs options, String alias) {
        Args.key(key);
        Args.notNull(value, "value");
        Args.notNull(options, "options");
        return executor.mono("SET", key, alias, c -> c.set(key, value, options).map(OK::equals))
                .defaultIfEmpty(false);
    }

    /** Same as a SET with PX: SETEX/PSETEX are deprecated in Lettuce 7 and SET PX has the same effect. */
    Mono<Boolean> setex(String key, Duration ttl, String value, String alias) {
        return set(key, value, ttl, alias);
    }

    Mono<String> get(String key, String alias) {
        Args.key(key);
        return executor.mono("GET", key, alias, c -> c.get(key));
    }

    Mono<String> getdel(String key, String alias) {
        Args.key(key);
        return executor.mono("GETDEL", key, alias, c -> c.getdel(key));
    }
}
