package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import io.symphony.redis.RedisCommandException;
import io.symphony.redis.testsupport.TestRedis;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import reactor.test.StepVerifier;

/** Shared set-up of the ops integration tests: the fixture, the ops under test, raw connections, unique keys. */
@Tag("integration")
abstract class OpsTestSupport {

    static SingleConnectionFixture fixture;
    static RedisOps ops;

    /** Unique per test method (JUnit creates one instance per method), so tests never see each other's keys. */
    final String prefix = "ops-it:" + getClass().getSimpleName() + ":" + UUID.randomUUID() + ":";

    @BeforeAll
    static void openFixture() {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(10));
        fixture = SingleConnectionFixture.open();
        ops = new RedisOps(fixture);
    }

    @AfterAll
    static void closeFixture() {
        fixture.close();
    }

    String key(String name) {
        return prefix + name;
    }

    /** A raw connection to the default alias's DB, to check stored state independently of the ops. */
    static RedisCommands<String, String> raw() {
        return TestRedis.shared().sync(SingleConnectionFixture.DEFAULT_DB);
    }

    /** A raw connection to the second alias's DB. */
    static RedisCommands<String, String> rawSecond() {
        return TestRedis.shared().sync(SingleConnectionFixture.SECOND_DB);
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

    /** How many times the server ran {@code command} (lowercase, e.g. {@code evalsha}), from INFO commandstats. */
    static long commandCalls(String command) {
        String stats = raw().info("commandstats");
        Matcher matcher = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(stats);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
