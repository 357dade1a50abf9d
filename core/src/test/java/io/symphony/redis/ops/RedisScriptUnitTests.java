package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.lettuce.core.ScriptOutputType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisScriptUnitTests {

    @Test
    void sha1_isLowercaseHexOfUtf8Source() {
        assertThat(RedisScript.returningLong("return 1").sha1()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
    }

    @Test
    void factories_pickOutputType() {
        assertThat(RedisScript.returningLong("return 1").outputType()).isEqualTo(ScriptOutputType.INTEGER);
        assertThat(RedisScript.returningBoolean("return 1").outputType()).isEqualTo(ScriptOutputType.BOOLEAN);
        assertThat(RedisScript.returningString("return 1").outputType()).isEqualTo(ScriptOutputType.VALUE);
        assertThat(RedisScript.returningList("return 1").resultType()).isEqualTo(List.class);
    }

    @Test
    void named_keepsSourceDigestAndType_andShowsTheName() {
        RedisScript<Long> plain = RedisScript.returningLong("return 1");
        RedisScript<Long> named = plain.named("one");

        assertThat(named.sha1()).isEqualTo(plain.sha1());
        assertThat(named).isEqualTo(plain);
        assertThat(named.name()).isEqualTo("one");
        assertThat(plain.name()).isNull();
        assertThat(named).hasToString("RedisScript[name=one, sha1=" + plain.sha1() + ", returns Long]");
        assertThatIllegalArgumentException().isThrownBy(() -> plain.named(" "));
    }

    @Test
    void equality_bySourceAndType() {
        assertThat(RedisScript.returningLong("return 1")).isEqualTo(RedisScript.returningLong("return 1"))
                .hasSameHashCodeAs(RedisScript.returningLong("return 1"))
                .isNotEqualTo(RedisScript.returningString("return 1"));
    }

    @Test
    void toString_hidesSource() {
        assertThat(RedisScript.returningLong("return 'secret'").toString())
                .doesNotContain("secret").contains("sha1=", "Long");
    }

    @Test
    void blankSource_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisScript.returningLong("  "));
    }
}
