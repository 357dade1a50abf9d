package io.symphony.redis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What {@link SymphonyRedisConfig.Builder#build()} says about malformed URL parts; exact wording users see. */
class RedisUrlValidationUnitTests {

    private static SymphonyRedisConfig build(String url) {
        return SymphonyRedisConfig.builder().url(url).build();
    }

    @Test
    void nonNumericPort_isRejected_namingThePort() {
        assertThatThrownBy(() -> build("redis://127.0.0.1:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid port 'abc' in Redis URL 'redis://127.0.0.1:abc': expected a number from 1 to "
                        + "65535");
    }

    @ParameterizedTest(name = "{displayName} {0}")
    @ValueSource(strings = {"0", "65536", "99999999999", ""})
    void portOutOfRange_isRejected(String port) {
        assertThatThrownBy(() -> build("redis://127.0.0.1:" + port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid port '" + port + "'");
    }

    @Test
    void badPortInClusterSeedList_isRejected() {
        assertThatThrownBy(() -> build("redis-cluster://127.0.0.1:7000,127.0.0.1:70x1"))
                .hasMessage("Invalid port '70x1' in Redis URL 'redis-cluster://127.0.0.1:7000,127.0.0.1:70x1': "
                        + "expected a number from 1 to 65535");
    }

    @Test
    void invalidTimeout_isRejected_insteadOfSilentlyIgnored() {
        assertThatThrownBy(() -> build("redis://127.0.0.1:6379?timeout=banana"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value 'banana' for query parameter 'timeout' in Redis URL "
                        + "'redis://127.0.0.1:6379': expected a positive number with an optional unit ns, us, ms, s, "
                        + "m, h or d (no unit: ms), for example timeout=5s");
        assertThatThrownBy(() -> build("redis://127.0.0.1:6379?timeout=0")).hasMessageContaining("'timeout'");
        assertThatThrownBy(() -> build("redis://127.0.0.1:6379?timeout=-5s")).hasMessageContaining("'-5s'");
        assertThatThrownBy(() -> build("redis://127.0.0.1:6379?timeout=5 weeks")).hasMessageContaining("'timeout'");
    }

    @Test
    void unknownQueryParameter_isRejected_withoutEchoingItsValueOrThePassword() {
        assertThatThrownBy(() -> build("redis://bob:hunter2@127.0.0.1:6379?password=hunter2&timeout=5s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown query parameter 'password' in Redis URL 'redis://bob:***@127.0.0.1:6379'; "
                        + "supported: timeout, database, db, clientName, libraryName, libraryVersion, verifyPeer, "
                        + "sentinelMasterId")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> build("redis://127.0.0.1:6379?protocol=3")).hasMessageContaining("'protocol'");
    }

    @Test
    void invalidValuesOfOtherKnownParameters_areRejected() {
        assertThatThrownBy(() -> SymphonyRedisConfig.builder().aliasUrl("user", "redis://h:6379?db=three")
                .url("redis://h:6379").build())
                .hasMessage("Invalid value 'three' for query parameter 'db' in Redis URL 'redis://h:6379': expected "
                        + "a DB number, for example db=3");
        assertThatThrownBy(() -> build("rediss://h:6379?verifyPeer=yes"))
                .hasMessageContaining("'verifyPeer'").hasMessageEndingWith("expected NONE, CA or FULL");
        assertThatThrownBy(() -> build("redis://h:6379?clientName=")).hasMessageContaining("'clientName'");
    }

    @Test
    void nonNumericDatabasePath_isRejected() {
        assertThatThrownBy(() -> SymphonyRedisConfig.builder().aliasUrl("user", "redis://h:6379/users")
                .url("redis://h:6379").build())
                .hasMessage("Invalid database '/users' in Redis URL 'redis://h:6379/users': expected /<number>, "
                        + "for example /3");
    }

    @Test
    void everyParameterLettuceReads_isAccepted_andApplied() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder()
                .aliasUrl("user", "redis://h:6379?timeout=5s&database=4&clientName=svc&libraryName=lib"
                        + "&libraryVersion=1.0;verifyPeer=none")
                .aliasUrl("handlers", "redis://h:6379?db=5&TIMEOUT=250ms")
                .aliasUrl("expiry", "redis-sentinel://h:26379?sentinelMasterId=primary")
                .url("redis://[::1]:6379")
                .build();

        PoolEndpoint user = config.pools().stream().filter(p -> p.alias().equals("user")).findFirst().orElseThrow();
        assertThat(user.db()).isEqualTo(4);
        assertThat(user.uris().get(0).getTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(user.uris().get(0).getClientName()).isEqualTo("svc");
        PoolEndpoint handlers = config.pools().stream().filter(p -> p.alias().equals("handlers")).findFirst()
                .orElseThrow();
        assertThat(handlers.db()).isEqualTo(5);
        PoolEndpoint expiry = config.pools().stream().filter(p -> p.alias().equals("expiry")).findFirst()
                .orElseThrow();
        assertThat(expiry.uris().get(0).getSentinelMasterId()).isEqualTo("primary");
    }

    @ParameterizedTest(name = "{displayName} {0}")
    @ValueSource(strings = {"redis://localhost", "redis://localhost:6379/2", "rediss://u:p@h:6380/0?timeout=10",
            "redis://p%40ss@h:6379", "redis-cluster://a:1,b:2,c:3?timeout=2s",
            "redis-sentinel://pw@s1:26379,s2:26380/3#mymaster", "redis://[::1]", "redis://h:6379/"})
    void wellFormedUrls_pass(String url) {
        assertThatCode(() -> build(url)).doesNotThrowAnyException();
    }
}
