package io.symphony.redis.ops;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keyspace commands: EXISTS, DEL, PEXPIRE, TTL and the SCAN walk.
 *
 * <p>The walk is Lettuce's {@link ScanStream}: it fetches the next page only when downstream demand needs it,
 * and given the advanced cluster commands their {@code scan(cursor, args)} moves the cursor from node to node.
 */
final class KeyOps {

    private final Executor executor;

    KeyOps(Executor executor) {
        this.executor = executor;
    }

    Mono<Long> exists(Collection<String> keys, String alias) {
        String[] array = Args.nonEmpty(keys, "keys");
        return executor.mono("EXISTS", Args.describe(List.of(array)), alias, c -> c.exists(array));
    }

    Mono<Long> delete(Collection<String> keys, String alias) {
        String[] array = Args.nonEmpty(keys, "keys");
        return executor.mono("DEL", Args.describe(List.of(array)), alias, c -> c.del(array));
    }

    Mono<Boolean> expire(String key, Duration ttl, String alias) {
        Args.key(key);
        long millis = Args.ttlMillis(ttl);
        return executor.mono("PEXPIRE", key, alias, c -> c.pexpire(key, millis));
    }

    Mono<Long> getTtl(String key, String alias) {
        Args.key(key);
        return executor.mono("TTL", key, alias, c -> c.ttl(key));
    }

    Flux<String> scanKeys(String pattern, String alias) {
        Args.notNull(pattern, "pattern");
        return scan(pattern, ScanArgs.Builder.matches(pattern), alias);
    }

    Flux<String> scanKeys(String pattern, long count, String alias) {
        Args.notNull(pattern, "pattern");
        Args.positive(count, "count");
        return scan(pattern, ScanArgs.Builder.matches(pattern).limit(count), alias);
    }

    private Flux<String> scan(String pattern, ScanArgs args, String alias) {
        return executor.flux("SCAN", pattern, alias, c -> ScanStream.scan(c, args));
    }
}
