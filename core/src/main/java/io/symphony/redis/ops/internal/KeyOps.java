package io.symphony.redis.ops.internal;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.symphony.redis.ops.KeyOperations;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keyspace commands: EXISTS, DEL, PEXPIRE, TTL and the SCAN walk.
 *
 * <p>The walk fetches the next page only when downstream demand needs it (one page ahead at most), and given the
 * advanced cluster commands their {@code scan(cursor, args)} moves the cursor from node to node.
 */
public final class KeyOps implements KeyOperations {

    private final Executor executor;

    /** Bind the commands to the executor's alias. */
    public KeyOps(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Mono<Long> exists(Collection<String> keys) {
        String[] array = Args.nonEmpty(keys, "keys");
        return executor.mono("EXISTS", Args.describe(List.of(array)), c -> c.exists(array));
    }

    @Override
    public Mono<Long> delete(Collection<String> keys) {
        String[] array = Args.nonEmpty(keys, "keys");
        return executor.mono("DEL", Args.describe(List.of(array)), c -> c.del(array));
    }

    @Override
    public Mono<Boolean> expire(String key, Duration ttl) {
        Args.key(key);
        long millis = Args.ttlMillis(ttl);
        return executor.mono("PEXPIRE", key, c -> c.pexpire(key, millis));
    }

    @Override
    public Mono<Long> getTtl(String key) {
        Args.key(key);
        return executor.mono("TTL", key, c -> c.ttl(key));
    }

    @Override
    public Flux<String> scanKeys(String pattern) {
        Args.notNull(pattern, "pattern");
        return scan(pattern, ScanArgs.Builder.matches(pattern));
    }

    @Override
    public Flux<String> scanKeys(String pattern, long count) {
        Args.notNull(pattern, "pattern");
        Args.positive(count, "count");
        return scan(pattern, ScanArgs.Builder.matches(pattern).limit(count));
    }

    /**
     * One SCAN page per borrow: with the pooled strategy no connection is held across pages, so callers that run
     * commands for each scanned key (on the same pool) can never starve the scan. Pages are fetched on demand, at
     * most one ahead. On Cluster the advanced commands carry the per-node cursor in the {@link KeyScanCursor}.
     */
    private Flux<String> scan(String pattern, ScanArgs args) {
        return executor.mono("SCAN", pattern, c -> c.scan(args))
                .expand(cursor -> cursor.isFinished()
                        ? Mono.empty()
                        // expand subscribes to the next page ahead of demand; cache() requests it at once, so a
                        // borrowed connection goes back as soon as the reply arrives instead of waiting for demand
                        // (which, with a pool of one, could wait on commands needing that same connection).
                        : executor.mono("SCAN", pattern, c -> c.scan(cursor, args)).cache())
                .concatMapIterable(KeyScanCursor::getKeys, 1);
    }
}
