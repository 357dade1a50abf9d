package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class LocalSentinelSetupIntegrationTests {

    @Test
    void start_replicatesAndSentinelsAgree_failover_promotesReplica_restartedPrimaryRejoinsAsReplica() {
        try (LocalSentinelSetup setup = LocalSentinelSetup.start("--notify-keyspace-events", "Ex")) {
            PrivateRedisServer primary = setup.primary();
            PrivateRedisServer replica = setup.replica();
            assertThat(primary.port()).isNotEqualTo(replica.port());
            assertThat(setup.currentPrimaryPort()).isEqualTo(primary.port());
            assertThat(setup.uri()).isEqualTo("redis-sentinel://" + String.join(",",
                    setup.sentinelPorts().stream().map(p -> "127.0.0.1:" + p).toList()) + "#" + setup.masterName());
            assertThat(replica.sync(0).configGet("notify-keyspace-events").get("notify-keyspace-events"))
                    .as("extra args reach both data nodes").isIn("xE", "Ex");
            primary.sync(0).set("before", "failover");
            assertThat(primary.sync(0).waitForReplication(1, 5_000)).as("replicas acknowledging").isEqualTo(1);
            assertThatThrownBy(() -> replica.sync(0).set("x", "y")).hasMessageContaining("READONLY");

            Duration failover = setup.killPrimaryAndAwaitFailover(Duration.ofSeconds(30));

            assertThat(failover).isPositive();
            assertThat(primary.isRunning()).isFalse();
            assertThat(setup.primary()).isSameAs(replica);
            assertThat(setup.replica()).isSameAs(primary);
            assertThat(replica.sync(0).get("before")).isEqualTo("failover");
            replica.sync(0).set("after", "failover");

            primary.restart();
            assertThat(primary.sync(0).info("replication")).as("until the sentinels reconfigure it")
                    .contains("role:master");
            assertThat(primary.sync(0).dbsize()).as("persistence off: back empty").isZero();
            setup.awaitReplicaInSync(Duration.ofSeconds(30));

            // Roles as the sentinels see them now: on a loaded machine they may have failed over a second time.
            PrivateRedisServer currentPrimary = setup.primary();
            PrivateRedisServer currentReplica = setup.replica();
            assertThat(currentReplica.sync(0).info("replication")).contains("role:slave")
                    .contains("master_port:" + currentPrimary.port());
            assertThat(primary.sync(0).get("after")).as("restarted empty, resynced from the new primary")
                    .isEqualTo("failover");
            assertThat(currentPrimary.sync(0).get("before")).isEqualTo("failover");
        }
    }

    @Test
    void sentinelUri_resolvesTheCurrentPrimaryWithLettuce() {
        try (LocalSentinelSetup setup = LocalSentinelSetup.start()) {
            RedisClient client = RedisClient.create();
            try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(setup.uri(3)))) {
                connection.sync().set("via", "sentinel");
                assertThat(setup.primary().sync(3).get("via")).isEqualTo("sentinel");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void startWithPassword_protectsBothDataNodes_replicatesAndFailsOverWithIt() {
        try (LocalSentinelSetup setup = LocalSentinelSetup.startWithPassword("kit-Pw-3c9a")) {
            PrivateRedisServer primary = setup.primary();
            PrivateRedisServer replica = setup.replica();
            assertThat(setup.uri()).doesNotContain("kit-Pw-3c9a");
            RedisClient client = RedisClient.create();
            try {
                assertThatThrownBy(() -> client.connect(RedisURI.create(primary.uri())).sync().get("k"))
                        .hasStackTraceContaining("NOAUTH");
                try (StatefulRedisConnection<String, String> connection = client.connect(
                        RedisURI.create(setup.uri().replace("redis-sentinel://", "redis-sentinel://:kit-Pw-3c9a@")))) {
                    connection.sync().set("via", "sentinel");
                }
            } finally {
                client.shutdown();
            }
            assertThat(primary.sync(0).waitForReplication(1, 5_000)).as("replica syncs with masterauth").isEqualTo(1);
            assertThat(replica.sync(0).get("via")).isEqualTo("sentinel");

            setup.killPrimaryAndAwaitFailover(Duration.ofSeconds(30));

            assertThat(setup.primary()).as("sentinels fail over with auth-pass").isSameAs(replica);
            assertThat(replica.sync(0).set("after", "failover")).isEqualTo("OK");
        }
    }

    @Test
    void close_stopsEveryProcessItStarted() {
        LocalSentinelSetup setup = LocalSentinelSetup.start();
        List<Long> pids = setup.pids();
        assertThat(pids).hasSize(5);
        assertThat(pids).allMatch(ProcessReaper::isRegistered);

        setup.close();

        assertThat(pids).noneMatch(ProcessReaper::isRegistered);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        setup.close();
    }
}
