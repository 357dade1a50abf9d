package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestRedisUnitTests {

    @Test
    void uniqueTenant_prefixAndEightRandomCharacters() {
        String tenant = TestRedis.uniqueTenant("orders");

        assertThat(tenant).matches("orders-[a-z0-9]{8}");
    }

    @Test
    void uniqueTenant_differsOnEveryCall() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            names.add(TestRedis.uniqueTenant("t"));
        }

        assertThat(names).hasSize(1_000);
    }

    @Test
    void uniqueTenant_rejectsNullAndBlankPrefix() {
        assertThatThrownBy(() -> TestRedis.uniqueTenant(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TestRedis.uniqueTenant(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromUrl_keepsPasswordIgnoresDbAndRedactsToString() {
        TestRedis redis = RedisServerResolver.fromUrl("redis://:s3cret@redis.example:6380/7");

        assertThat(redis.host()).isEqualTo("redis.example");
        assertThat(redis.port()).isEqualTo(6380);
        assertThat(redis.uri()).isEqualTo("redis://:s3cret@redis.example:6380");
        assertThat(redis.uri(2)).isEqualTo("redis://:s3cret@redis.example:6380/2");
        assertThat(redis.source()).isEqualTo("REDIS_URL");
        assertThat(redis.startedByUs()).isFalse();
        assertThat(redis.toString()).doesNotContain("s3cret").contains("redis.example:6380");
    }

    @Test
    void fromUrl_defaultsPortAndKeepsTlsScheme() {
        TestRedis redis = RedisServerResolver.fromUrl("rediss://user:pw@localhost");

        assertThat(redis.port()).isEqualTo(6379);
        assertThat(redis.uri()).isEqualTo("rediss://user:pw@localhost:6379");
    }

    @Test
    void fromUrl_rejectsOtherSchemes() {
        assertThatThrownBy(() -> RedisServerResolver.fromUrl("http://localhost:6379"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("redis://");
    }

    @Test
    void flushAll_refusedOnServerWeDidNotStart() {
        TestRedis external = RedisServerResolver.fromUrl("redis://127.0.0.1:1");

        assertThatThrownBy(external::flushAll).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not start");
    }

    @Test
    void uri_rejectsNegativeDb() {
        TestRedis external = RedisServerResolver.fromUrl("redis://127.0.0.1:1");

        assertThatThrownBy(() -> external.uri(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forcedSource_parsesKnownValuesOnly() {
        assertThat(ServerSource.parse("Embedded")).contains(ServerSource.EMBEDDED);
        assertThat(ServerSource.parse("path")).contains(ServerSource.PATH);
        assertThat(ServerSource.parse(" ")).isEmpty();
        assertThat(ServerSource.parse(null)).isEmpty();
        assertThatThrownBy(() -> ServerSource.parse("redis_url")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ServerSource.parse("docker")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void embeddedResource_matchesJarEntriesPerPlatform() {
        assertThat(RedisBinary.embeddedResource("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
        assertThat(RedisBinary.embeddedResource("Linux", "aarch64")).isEqualTo("redis-server-6.2.7-linux-arm64");
        assertThat(RedisBinary.embeddedResource("Mac OS X", "aarch64")).isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
        assertThat(RedisBinary.embeddedResource("Windows 11", "amd64")).isNull();
        assertThat(RedisBinary.embeddedResource("Linux", "s390x")).isNull();
    }

    @Test
    void embeddedResource_forThisPlatformIsInTheJar() {
        String resource = RedisBinary.embeddedResource(System.getProperty("os.name"), System.getProperty("os.arch"));

        assertThat(resource).isNotNull();
        assertThat(RedisBinary.class.getClassLoader().getResource(resource)).isNotNull();
    }
}
