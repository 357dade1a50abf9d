package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Failures that do not depend on a data type: broken connections, unknown aliases, argument validation. */
class ErrorContractIntegrationTests extends OpsTestSupport {

    @Test
    void closedConnection_signalsCommandErrorWithClientCause() {
        String key = key("k");

        ops.onPool(SingleConnectionFixture.CLOSED).get(key).as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("GET", key, SingleConnectionFixture.CLOSED).andThen(
                        error -> assertThat(error.getCause()).isInstanceOf(RedisException.class)));
    }

    @Test
    void closedConnection_scriptsSignalCommandErrorToo() {
        String key = key("h");

        ops.onPool(SingleConnectionFixture.CLOSED).hincrbyWithExpire(key, "n", 1, Duration.ofSeconds(5))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("HINCRBY+PEXPIRE", key, SingleConnectionFixture.CLOSED));
    }

    @Test
    void onPool_unknownAlias_throwsAtCallTimeNamingItAndTheKnownAliases() {
        assertThatIllegalArgumentException().isThrownBy(() -> ops.onPool("nope"))
                .withMessage("Unknown Redis pool alias 'nope'; known aliases: [default, second, closed]");
        assertThatIllegalArgumentException().isThrownBy(() -> ops.onPool(SingleConnectionFixture.SECOND).onPool(""))
                .withMessageContaining("''");
    }

    @Test
    void nullArguments_throwAtCallTime() {
        assertThatNullPointerException().isThrownBy(() -> ops.get(null)).withMessageContaining("key");
        assertThatNullPointerException().isThrownBy(() -> ops.set(key("k"), null)).withMessageContaining("value");
        assertThatNullPointerException().isThrownBy(() -> ops.onPool(null)).withMessageContaining("alias");
        assertThatNullPointerException().isThrownBy(() -> ops.delete(Arrays.asList(key("a"), null)))
                .withMessageContaining("keys must not contain null");
        assertThatNullPointerException().isThrownBy(() -> ops.eval(null, List.of(), List.of()));
    }

    @Test
    void emptyVarargs_throwAtCallTimeInsteadOfReturningZero() {
        assertThatIllegalArgumentException().isThrownBy(() -> ops.delete()).withMessage("keys must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> ops.exists(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> ops.hdel(key("h")));
        assertThatIllegalArgumentException().isThrownBy(() -> ops.rpush(key("l")));
        assertThatIllegalArgumentException().isThrownBy(() -> ops.sadd(key("s")));
        assertThatIllegalArgumentException().isThrownBy(() -> ops.srem(key("s")));
        assertThatIllegalArgumentException().isThrownBy(() -> ops.zrem(key("z")));
        assertThatIllegalArgumentException().isThrownBy(() -> ops.zadd(key("z"), Map.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> ops.hset(key("h"), Map.of()));
    }

    @Test
    void combinedOps_rejectEmptyInputsAtCallTime() {
        String key = key("h");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ops.hsetWithExpire(key, Map.of(), Duration.ofSeconds(1)))
                .withMessage("fields must not be empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ops.rpushAndSadd(key("l"), List.of("v"), key("s"), List.of()))
                .withMessage("members must not be empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ops.rpushAndSadd(key("l"), List.of(), key("s"), List.of("m")))
                .withMessage("values must not be empty");
        assertThat(raw().exists(key, key("l"), key("s"))).isZero();
    }

    @Test
    void nonPositiveTtl_throwsNamingTheValue() {
        String key = key("k");

        assertThatIllegalArgumentException().isThrownBy(() -> ops.expire(key, Duration.ZERO))
                .withMessage("ttl must be at least 1 ms, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> ops.set(key, "v", Duration.ofSeconds(-5)))
                .withMessageContaining("PT-5S");
        assertThatIllegalArgumentException().isThrownBy(() -> ops.setex(key, Duration.ofNanos(1), "v"))
                .withMessageContaining("PT0.000000001S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ops.hincrbyWithExpire(key, "f", 1, Duration.ofMillis(-1)))
                .withMessageContaining("PT-0.001S");
        assertThat(raw().exists(key)).isZero();
    }

    @Test
    void nonPositiveCounts_throwAtCallTime() {
        assertThatIllegalArgumentException().isThrownBy(() -> ops.lpop(key("l"), 0))
                .withMessage("count must be positive, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> ops.scanKeys(prefix + "*", -1))
                .withMessage("count must be positive, was -1");
    }
}
