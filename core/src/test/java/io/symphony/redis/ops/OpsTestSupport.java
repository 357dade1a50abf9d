package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.RedisCommandException;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.test.StepVerifier;

/**
 * Shared set-up of the ops integration tests, which run once per {@link Topology}: the fixture, the ops under
 * test, raw connections, unique keys.
 */
@OnEveryTopology
abstract class OpsTestSupport {

    static SingleConnectionFixture fixture;
    static RedisOps ops;

    @Parameter
    Topology topology;

    /** Unique per test method (JUnit creates one instance per method), so tests never see each other's keys. */
    final String id = UUID.randomUUID().toString();
    final String prefix = "ops-it:" + getClass().getSimpleName() + ":" + id + ":";

    @BeforeParameterizedClassInvocation
    static void openFixture(Topology current) {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(10));
        fixture = SingleConnectionFixture.open(current);
        ops = RedisOps.create(fixture);
    }

    @AfterParameterizedClassInvocation
    static void closeFixture() {
        fixture.close();
    }

    /** A key of this test; on Cluster each name hashes to its own slot, so a test's keys spread over the primaries. */
    String key(String name) {
        return prefix + name;
    }

    /** A key of this test in the slot every tagged key of this test shares ({@code {id}} hash tag). */
    String taggedKey(String name) {
        return prefix + "{" + id + "}" + name;
    }

    /** A key of this test whose slot differs from {@code other}'s (so the two are on different slots on Cluster). */
    String keyInOtherSlot(String name, String other) {
        String key = key(name);
        for (int i = 0; SlotHash.getSlot(key) == SlotHash.getSlot(other); i++) {
            key = key(name + i);
        }
        return key;
    }

    /** A raw connection to the default alias's DB (on Cluster: cluster-aware), to check state independently. */
    RedisClusterCommands<String, String> raw() {
        return topology.raw(SingleConnectionFixture.DEFAULT_DB);
    }

    /** A raw connection to the second alias's DB; only meaningful standalone, where the aliases' DBs differ. */
    RedisClusterCommands<String, String> rawSecond() {
        return topology.raw(SingleConnectionFixture.SECOND_DB);
    }

    /** Skip the calling test on Cluster: it shows that aliases on one server keep to their own numbered DB. */
    void assumeNumberedDatabases() {
        topology.assumeStandalone("Redis Cluster has DB 0 only, so aliases cannot be told apart by DB");
    }

    /** Assert an {@code onError} is a {@link RedisCommandException} naming the command, key and alias. */
    static Consumer<Throwable> commandError(String command, @Nullable String key, String alias) {
        return error -> assertThat(error).isInstanceOfSatisfying(RedisCommandException.class, failure -> {
            assertThat(failure.command()).isEqualTo(command);
            assertThat(failure.key()).isEqualTo(key);
            assertThat(failure.pool()).isEqualTo(alias);
            assertThat(failure.getMessage()).contains(command, alias);
            assertThat(failure.getCause()).isNotNull();
        });
    }

    /**
     * How many times the primaries ran {@code command} (lowercase, e.g. {@code evalsha}), summed over them, from
     * {@code INFO commandstats}. Replicas are left out: they count the writes they replicate.
     */
    long commandCalls(String command) {
        return topology.primaries().stream().mapToLong(node -> commandCalls(node, command)).sum();
    }

    /** How many times {@code node} ran {@code command} (lowercase), from {@code INFO commandstats}. */
    static long commandCalls(RedisClusterCommands<String, String> node, String command) {
        Matcher matcher = Pattern.compile("cmdstat_" + Pattern.quote(command) + ":calls=(\\d+)")
                .matcher(node.info("commandstats"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
