package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

@RedisTest
class SharedRedisIntegrationTests {

    private final TestRedis redis;

    SharedRedisIntegrationTests(TestRedis redis) {
        this.redis = redis;
    }

    @Test
    void shared_answersPing() {
        assertThat(redis.sync(0).ping()).isEqualTo("PONG");
    }

    @Test
    void shared_isOneInstancePerJvm() {
        assertThat(TestRedis.shared()).isSameAs(redis);
    }

    @Test
    void uri_matchesHostPortAndDb() {
        RedisURI parsed = RedisURI.create(redis.uri(3));

        assertThat(parsed.getHost()).isEqualTo(redis.host());
        assertThat(parsed.getPort()).isEqualTo(redis.port());
        assertThat(parsed.getDatabase()).isEqualTo(3);
        assertThat(redis.uri(3)).isEqualTo(redis.uri() + "/3");
    }

    @Test
    void sync_usesTheRequestedDb() {
        String key = TestRedis.uniqueTenant("shared") + ":key";

        redis.sync(3).set(key, "v");

        assertThat(redis.sync(3).get(key)).isEqualTo("v");
        assertThat(redis.sync(0).exists(key)).isZero();
        redis.sync(3).del(key);
    }

    @Test
    void source_isOneOfTheDocumentedValues() {
        assertThat(redis.source()).isIn("REDIS_URL", "PATH", "EMBEDDED", "TESTCONTAINERS");
        assertThat(redis.startedByUs()).isEqualTo(!redis.source().equals("REDIS_URL"));
    }
}
