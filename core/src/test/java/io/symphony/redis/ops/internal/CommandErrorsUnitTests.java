package io.symphony.redis.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import io.symphony.redis.CodecException;
import io.symphony.redis.RedisCommandException;
import org.junit.jupiter.api.Test;

class CommandErrorsUnitTests {

    @Test
    void translate_wrapsClientFailureNamingCommandKeyAndAlias() {
        RedisCommandTimeoutException timeout = new RedisCommandTimeoutException("Command timed out after 1 s");

        Throwable translated = CommandErrors.translate("HGET", "k", "user").apply(timeout);

        assertThat(translated).isInstanceOfSatisfying(RedisCommandException.class, error -> {
            assertThat(error.command()).isEqualTo("HGET");
            assertThat(error.key()).isEqualTo("k");
            assertThat(error.pool()).isEqualTo("user");
            assertThat(error).hasCause(timeout)
                    .hasMessage("HGET on key 'k' failed in pool 'user': Command timed out after 1 s");
        });
    }

    @Test
    void translate_keepsSymphonyExceptionsUnwrapped() {
        RedisCommandException already = new RedisCommandException("GET", "k", "default", new RuntimeException("x"));
        CodecException codec = new CodecException("bad", null);

        assertThat(CommandErrors.translate("SET", "k", "other").apply(already)).isSameAs(already);
        assertThat(CommandErrors.translate("SET", "k", "other").apply(codec)).isSameAs(codec);
    }
}
