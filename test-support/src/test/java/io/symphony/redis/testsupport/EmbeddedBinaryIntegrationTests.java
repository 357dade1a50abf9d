package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class EmbeddedBinaryIntegrationTests {

    @Test
    void forcedEmbedded_startsTheBinaryFromTheJar() throws Exception {
        TestRedis redis = RedisServerResolver.start(ServerSource.EMBEDDED);
        long pid;
        try {
            RedisCommands<String, String> commands = redis.sync(0);
            Map<String, String> info = info(commands.info("server"));
            pid = Long.parseLong(info.get("process_id"));

            assertThat(commands.ping()).isEqualTo("PONG");
            assertThat(info.get("redis_version")).startsWith("6.2.");
            assertThat(redis.source()).isEqualTo("EMBEDDED");
            assertThat(redis.startedByUs()).isTrue();
            assertThat(ProcessReaper.isRegistered(pid)).isTrue();
        } finally {
            redis.close();
        }

        assertThat(ProcessReaper.isRegistered(pid)).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void forcedEmbedded_privateServerGetsExtraArgsAndRestarts() {
        try (PrivateRedisServer server = PrivateRedisServer.start(ServerSource.EMBEDDED,
                "--notify-keyspace-events", "Ex")) {
            int port = server.port();
            assertThat(server.source()).isEqualTo("EMBEDDED");
            assertThat(server.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events"))
                    .isIn("xE", "Ex");

            server.kill();
            server.restart();

            assertThat(server.port()).isEqualTo(port);
            assertThat(server.sync(0).ping()).isEqualTo("PONG");
        }
    }

    static Map<String, String> info(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
