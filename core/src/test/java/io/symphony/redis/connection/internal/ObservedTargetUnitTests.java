package io.symphony.redis.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.SymphonyRedisConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservedTargetUnitTests {

    @Test
    void eventKey_dropsCredentialsAndQuery_soTheConnectTimeCopyOfAUriKeepsItsKey() {
        RedisURI configured = RedisURI.create("redis://alice:secret@h:6379/11?timeout=10s");
        RedisURI connectCopy = RedisURI.builder(configured).withTimeout(Duration.ofSeconds(2)).build();

        assertThat(ObservedTarget.eventKey(configured.toString())).isEqualTo("redis://h/11")
                .isEqualTo(ObservedTarget.eventKey(connectCopy.toString()));
        assertThat(ObservedTarget.eventKey("redis://h:6380")).isEqualTo("redis://h:6380");
    }

    @Test
    void server_isTheRedactedUrlWithoutDbAndQuery() {
        assertThat(ObservedTarget.server("redis://bob:***@127.0.0.1:6379/3?timeout=5s"))
                .isEqualTo("redis://127.0.0.1:6379");
        assertThat(ObservedTarget.server("redis-cluster://n1:7000,n2:7001")).isEqualTo("redis-cluster://n1:7000,n2:7001");
        assertThat(ObservedTarget.server("redis-sentinel://s1:26379,s2:26379/2#mymaster"))
                .isEqualTo("redis-sentinel://s1:26379,s2:26379");
    }

    @Test
    void of_groupsTheAliasesThatShareATarget() {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url("redis://h:6379")
                .alias("reports", 15).connectionStrategy(ConnectionStrategy.POOLED).build();

        Map<String, ObservedTarget> targets = ObservedTarget.of(config);

        assertThat(targets.values()).extracting(ObservedTarget::aliases)
                .contains(List.of("default", "reports"), List.of("user"));
        ObservedTarget user = targets.values().stream().filter(t -> t.aliases().equals(List.of("user")))
                .findFirst().orElseThrow();
        assertThat(user.db()).isEqualTo(11);
        assertThat(user.server()).isEqualTo("redis://h:6379");
        assertThat(user.strategy()).isEqualTo(ConnectionStrategy.POOLED);
        assertThat(user.pool()).isEmpty();
        assertThat(user.answersTo("redis://h/11")).isTrue();
        assertThat(user.answersTo("redis://h/15")).isFalse();
    }
}
