package io.symphony.redis.config.internal;

import io.symphony.redis.config.internal.UrlRedactor;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlRedactorUnitTests {

    @Test
    void redact_masksPasswordsAndKeepsUsers() {
        assertThat(UrlRedactor.redact("redis://alice:s3cret@h:6379/0")).isEqualTo("redis://alice:***@h:6379/0");
        assertThat(UrlRedactor.redact("rediss://:pw@h")).isEqualTo("rediss://:***@h");
        assertThat(UrlRedactor.redact("redis://pw@h:1?timeout=1s")).isEqualTo("redis://***@h:1?timeout=1s");
        assertThat(UrlRedactor.redact("redis-sentinel://u:p@s1:1,s2:2#m"))
                .isEqualTo("redis-sentinel://u:***@s1:1,s2:2#m");
    }

    @Test
    void redact_masksPasswordsHoldingUrlDelimiters() {
        assertThat(UrlRedactor.redact("redis://alice:pa/ss?w#rd@h:6379/0")).isEqualTo("redis://alice:***@h:6379/0");
        assertThat(UrlRedactor.redact("redis://:p/w@h:6379")).isEqualTo("redis://:***@h:6379");
        assertThat(UrlRedactor.redact("redis://s3c/ret@h")).isEqualTo("redis://***@h");
    }

    @Test
    void redact_leavesUrlsWithoutCredentialsAlone() {
        assertThat(UrlRedactor.redact("redis://h:6379/3")).isEqualTo("redis://h:6379/3");
        assertThat(UrlRedactor.redact("redis://h:6379/3?timeout=5s")).isEqualTo("redis://h:6379/3?timeout=5s");
        assertThat(UrlRedactor.redact("not a url")).isEqualTo("not a url");
    }
}
