package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.connection.PoolAlias;
import io.symphony.redis.connection.RedisConnections;
import io.symphony.redis.runtime.SymphonyRuntime;
import io.symphony.redis.testsupport.ClusterNode;
import io.symphony.redis.testsupport.LocalRedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@code scanKeys} on the real shared Cluster, with both connection strategies: the walk visits every primary and
 * reads at most one SCAN page ahead of the page downstream is consuming, page after page, even when each page is
 * served by another pooled connection (the per-node cursor travels in Lettuce's cluster cursor).
 */
@Tag("integration")
@Tag("cluster")
@ParameterizedClass(name = "[{index}] {0}")
@EnumSource(ConnectionStrategy.class)
class ClusterScanIntegrationTests {

    private static final int KEYS = 200;
    private static final int PAGE = 10;
    /** Keys requested per step: not a multiple of the page size, so steps end inside pages and on boundaries. */
    private static final int STEP = 11;
    /** Long enough for a page in flight to reply on loopback; a shorter wait could only hide a violation. */
    private static final Duration SETTLE = Duration.ofMillis(50);

    @Parameter
    ConnectionStrategy strategy;

    private final LocalRedisCluster cluster = LocalRedisCluster.shared();
    private final String prefix = "cluster-scan:" + UUID.randomUUID() + ":";
    private final Map<String, String> values = new LinkedHashMap<>();
    private SymphonyRuntime runtime;
    private PageCountingConnections pages;
    private RedisOps ops;

    @BeforeEach
    void writeKeysAndStart() {
        for (int i = 0; i < KEYS; i++) {
            values.put(prefix + i, "v" + i);
        }
        cluster.sync().mset(values);
        // Three pooled connections, so that consecutive pages are served by different connections.
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(cluster.uri()).connectionStrategy(strategy)
                .poolSize(3).keyspaceEvents(false).build()).block(Duration.ofSeconds(20));
        pages = new PageCountingConnections(runtime.connections());
        ops = RedisOps.create(pages);
    }

    @AfterEach
    void deleteKeysAndClose() {
        cluster.sync().del(values.keySet().toArray(new String[0]));
        runtime.close().block(Duration.ofSeconds(10));
    }

    @Test
    void scanKeys_keysOnEveryPrimary_findsEveryKey() {
        Set<Integer> primaryPorts = cluster.primaries().stream().map(ClusterNode::port).collect(Collectors.toSet());
        Set<Integer> holding = new HashSet<>();
        for (Iterator<String> keys = values.keySet().iterator(); keys.hasNext() && !holding.equals(primaryPorts); ) {
            holding.add(cluster.primaryOf(keys.next()).port());
        }
        assertThat(holding).as("primaries holding some of the keys").isEqualTo(primaryPorts);

        ops.scanKeys(prefix + "*", PAGE).collectList().as(StepVerifier::create)
                .assertNext(keys -> assertThat(keys).containsExactlyInAnyOrderElementsOf(values.keySet()))
                .verifyComplete();

        if (strategy == ConnectionStrategy.POOLED) {
            assertThat(pages.connectionsUsed()).as("pooled connections that served pages").isGreaterThan(1);
        }
    }

    @Test
    void scanKeys_stepwiseDemand_readsAtMostOnePageAhead() {
        List<String> received = new CopyOnWriteArrayList<>();
        Flux<String> walk = ops.scanKeys(prefix + "*", PAGE).doOnNext(received::add);
        StepVerifier.Step<String> step = StepVerifier.create(walk, 0)
                .thenAwait(SETTLE)
                .then(() -> assertAtMostOnePageAhead(received.size()));
        int requested = 0;
        while (requested + STEP < KEYS) {
            step = step.thenRequest(STEP).expectNextCount(STEP)
                    .thenAwait(SETTLE)
                    .then(() -> assertAtMostOnePageAhead(received.size()));
            requested += STEP;
        }
        step.thenRequest(Long.MAX_VALUE).expectNextCount(KEYS - requested).verifyComplete();

        assertThat(received).containsExactlyInAnyOrderElementsOf(values.keySet());
        assertThat(pages.fetched()).as("SCAN pages of the whole walk").isGreaterThanOrEqualTo(KEYS / PAGE / 2);
    }

    @Test
    void scanKeys_slowConsumerRunningGetsOnTheSamePool_getsEveryValue() {
        Map<String, String> read = Collections.synchronizedMap(new LinkedHashMap<>());

        ops.scanKeys(prefix + "*", PAGE)
                .concatMap(key -> runtime.ops().get(key).delayElement(Duration.ofMillis(2))
                        .doOnNext(value -> read.put(key, value)))
                .count()
                .as(StepVerifier::create)
                .expectNext((long) KEYS)
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        assertThat(read).isEqualTo(values);
    }

    /**
     * The walk may have fetched the pages that hold the keys received so far plus the next key, and one page more;
     * empty pages (no match) count as pages that had to be read.
     */
    private void assertAtMostOnePageAhead(int received) {
        List<Integer> sizes = pages.sizes();
        int reading = 0;
        int covered = 0;
        while (reading < sizes.size() && covered < received + 1) {
            covered += sizes.get(reading);
            reading++;
        }
        assertThat(sizes.size()).as("pages fetched with %d keys received (page sizes %s)", received, sizes)
                .isLessThanOrEqualTo(reading + 1);
    }

    /** Delegates to the runtime's connections and records every SCAN page it hands out. */
    private static final class PageCountingConnections implements RedisConnections {

        private final RedisConnections delegate;
        private final List<Integer> sizes = new CopyOnWriteArrayList<>();
        private final Set<Object> connections = Collections.synchronizedSet(
                Collections.newSetFromMap(new IdentityHashMap<>()));
        private final AtomicInteger fetched = new AtomicInteger();

        PageCountingConnections(RedisConnections delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> Mono<T> withCommands(String alias,
                Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
            return delegate.withCommands(alias, commands -> {
                connections.add(commands);
                return action.apply(commands);
            }).doOnNext(reply -> {
                if (reply instanceof KeyScanCursor<?> page) {
                    fetched.incrementAndGet();
                    sizes.add(page.getKeys().size());
                }
            });
        }

        @Override
        public <T> Flux<T> withCommandsMany(String alias,
                Function<RedisClusterReactiveCommands<String, String>, Flux<T>> action) {
            return delegate.withCommandsMany(alias, action);
        }

        @Override
        public PoolAlias alias(String alias) {
            return delegate.alias(alias);
        }

        @Override
        public Set<String> aliases() {
            return delegate.aliases();
        }

        @Override
        public boolean cluster() {
            return delegate.cluster();
        }

        List<Integer> sizes() {
            return new ArrayList<>(sizes);
        }

        int fetched() {
            return fetched.get();
        }

        int connectionsUsed() {
            return connections.size();
        }
    }
}
