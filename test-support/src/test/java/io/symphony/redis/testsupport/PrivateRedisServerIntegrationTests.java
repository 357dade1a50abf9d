package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class PrivateRedisServerIntegrationTests {

    @Test
    void kill_failsConnections_restart_answersAgainOnSamePort() {
        try (PrivateRedisServer server = PrivateRedisServer.start()) {
            int port = server.port();
            long firstPid = server.pid();
            server.sync(0).set("k", "v");

            server.kill();

            assertThat(server.isRunning()).isFalse();
            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThatThrownBy(() -> server.sync(0).ping()).isInstanceOf(RedisException.class);
            assertThat(RespProbe.answeringPid(server.host(), port)).isEmpty();

            server.restart();

            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.pid()).isNotEqualTo(firstPid);
            assertThat(server.sync(0).ping()).isEqualTo("PONG");
            assertThat(server.sync(0).get("k")).as("persistence is off").isNull();
        }
    }

    @Test
    void restart_whileRunning_stopsFirst() {
        try (PrivateRedisServer server = PrivateRedisServer.start()) {
            long firstPid = server.pid();

            server.restart();

            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(server.sync(0).ping()).isEqualTo("PONG");
        }
    }

    @Test
    void eachServer_hasItsOwnWorkingDirectory_soNoneLoadsAnothersDumpFile() {
        try (PrivateRedisServer first = PrivateRedisServer.start()) {
            first.sync(0).set("written-by-first", "v");
            first.sync(0).save(); // dump.rdb in its working directory, as a replica's full sync would write

            try (PrivateRedisServer second = PrivateRedisServer.start()) {
                assertThat(second.sync(0).configGet("dir").get("dir"))
                        .isNotEqualTo(first.sync(0).configGet("dir").get("dir"));
                assertThat(second.sync(0).exists("written-by-first")).isZero();
            }
        }
    }

    @Test
    void extraArgs_areApplied() {
        try (PrivateRedisServer server = PrivateRedisServer.start("--notify-keyspace-events", "Ex", "--hz", "100")) {
            assertThat(server.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events"))
                    .isIn("xE", "Ex");
            assertThat(server.sync(0).configGet("hz").get("hz")).isEqualTo("100");
        }
    }

    @Test
    void uri_pointsAtTheServer() {
        try (PrivateRedisServer server = PrivateRedisServer.start()) {
            assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + server.port());
            assertThat(server.uri(5)).isEqualTo(server.uri() + "/5");
            assertThat(server.sync(5).clientInfo()).contains(" db=5 ");
        }
    }

    @Test
    void stop_isGraceful_close_isIdempotent() {
        PrivateRedisServer server = PrivateRedisServer.start();
        long pid = server.pid();
        assertThat(ProcessReaper.isRegistered(pid)).isTrue();

        server.stop();

        assertThat(server.isRunning()).isFalse();
        assertThat(ProcessReaper.isRegistered(pid)).isFalse();
        server.close();
        server.close();
        assertThatThrownBy(() -> server.sync(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void start_badArgument_failsWithServerOutput() {
        assertThatThrownBy(() -> PrivateRedisServer.start("--no-such-directive", "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("no-such-directive");
    }

    @Test
    void start_reservedArgument_isRejected() {
        assertThatThrownBy(() -> PrivateRedisServer.start("--port", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
