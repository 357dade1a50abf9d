package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@RedisTest
class RedisExtensionIntegrationTests {

    private static final List<PrivateRedisServer> INJECTED = new CopyOnWriteArrayList<>();

    private final TestRedis shared;
    private final PrivateRedisServer perTest;

    RedisExtensionIntegrationTests(TestRedis shared, PrivateRedisServer perTest) {
        this.shared = shared;
        this.perTest = perTest;
        INJECTED.add(perTest);
    }

    @AfterAll
    static void privateServersAreClosedAfterEachTest() {
        assertThat(INJECTED).hasSize(4);
        assertThat(INJECTED).noneMatch(PrivateRedisServer::isRunning);
        assertThat(INJECTED.stream().mapToInt(PrivateRedisServer::port).distinct()).hasSize(4);
    }

    @Test
    void injects_sharedAndPrivateServers() {
        assertThat(shared).isSameAs(TestRedis.shared());
        assertThat(perTest.isRunning()).isTrue();
        assertThat(perTest.port()).isNotEqualTo(shared.port());
        assertThat(perTest.sync(0).ping()).isEqualTo("PONG");
    }

    @Test
    void injects_methodParameterWithArgs(@RedisServerArgs({"--notify-keyspace-events", "Ex"}) PrivateRedisServer own) {
        INJECTED.add(own);

        assertThat(own).isNotSameAs(perTest);
        assertThat(own.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events")).isIn("xE", "Ex");
        assertThat(perTest.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events")).isEmpty();
    }

    @Test
    void injects_newPrivateServerPerTest() {
        assertThat(INJECTED.stream().filter(PrivateRedisServer::isRunning)).containsExactlyInAnyOrder(perTest);
    }
}
