package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisException;
import io.symphony.redis.RedisConnectException;
import io.symphony.redis.config.ConnectionStrategy;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.PoolEndpoint;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.LocalSentinelSetup;
import io.symphony.redis.testsupport.PrivateRedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime on a real Sentinel set-up ({@code redis-sentinel://} URL): every alias on the current primary in its
 * own DB, and operations following a failover, with both connection strategies.
 */
@Tag("integration")
class SentinelFailoverIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(SentinelFailoverIntegrationTests.class);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    /** 250 writes per second. */
    private static final Duration WRITE_PERIOD = Duration.ofMillis(4);
    private static final List<String> LOAD_ALIASES = List.of(PoolAliases.DEFAULT, PoolAliases.USER,
            PoolAliases.HANDLERS);

    @ParameterizedTest
    @EnumSource(ConnectionStrategy.class)
    void everyAlias_writesOnTheCurrentPrimary_inItsOwnDb(ConnectionStrategy strategy) {
        try (LocalSentinelSetup setup = LocalSentinelSetup.start()) {
            SymphonyRuntime runtime = start(setup, strategy);
            try {
                String key = "alias-db:" + UUID.randomUUID();
                for (PoolEndpoint pool : runtime.config().pools()) {
                    assertThat(runtime.ops().onPool(pool.alias()).set(key, pool.alias()).block()).isTrue();
                }

                PrivateRedisServer primary = setup.primary();
                for (PoolEndpoint pool : runtime.config().pools()) {
                    assertThat(primary.sync(pool.db()).get(key)).as("alias %s in DB %d", pool.alias(), pool.db())
                            .isEqualTo(pool.alias());
                    assertThat(runtime.ops().onPool(pool.alias()).get(key).block()).isEqualTo(pool.alias());
                }
                assertThat(runtime.config().pools()).extracting(PoolEndpoint::db)
                        .containsExactlyElementsOf(PoolAliases.DEFAULT_DATABASES.values());
                assertThat(primary.sync(0).clientList()).contains("name=" + SymphonyRedisConfig.DEFAULT_CLIENT_NAME);
                assertThat(setup.replica().sync(0).clientList())
                        .doesNotContain("name=" + SymphonyRedisConfig.DEFAULT_CLIENT_NAME);
            } finally {
                runtime.close().block(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void unknownMasterName_failsStartUp_namingPoolUrlAndMaster() {
        try (LocalSentinelSetup setup = LocalSentinelSetup.start()) {
            String url = setup.uri().replace("#" + setup.masterName(), "#no-such-master");

            assertThatThrownBy(() -> SymphonyRuntime.create(SymphonyRedisConfig.fromUrl(url))
                    .block(Duration.ofSeconds(30)))
                    .isInstanceOf(RedisConnectException.class)
                    .hasMessageContaining("Could not connect pool '")
                    .hasMessageContaining(url)
                    .hasMessageContaining("no-such-master");
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionStrategy.class)
    void primaryKilledUnderWriteLoad_writesResumeOnThePromotedReplica_andFollowASecondFailover(
            ConnectionStrategy strategy) {
        try (LocalSentinelSetup setup = LocalSentinelSetup.start()) {
            SymphonyRuntime runtime = start(setup, strategy);
            Map<String, Integer> dbs = runtime.config().pools().stream()
                    .collect(Collectors.toMap(PoolEndpoint::alias, PoolEndpoint::db));
            WriteLoad load = WriteLoad.start(runtime.ops(), LOAD_ALIASES, "load:" + UUID.randomUUID(), WRITE_PERIOD);
            try {
                PrivateRedisServer first = setup.primary();
                PrivateRedisServer second = setup.replica();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.acknowledgedIssuedAfter(0) >= 250);

                // Every write acknowledged before WAIT is sent is on the replica once WAIT returns 1.
                long replicatedUntil = System.nanoTime();
                assertThat(first.sync(0).waitForReplication(1, 5_000)).isEqualTo(1);
                // Half a second of writes that only asynchronous replication protects.
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> load.acknowledgedIssuedAfter(replicatedUntil) >= 125);
                long killedAt = System.nanoTime();
                first.kill();
                long deadAt = System.nanoTime();
                setup.awaitPrimary(second.port(), FAILOVER_TIMEOUT);
                long promotedAt = System.nanoTime();
                await().atMost(FAILOVER_TIMEOUT).until(() -> load.acknowledgedIssuedAfter(deadAt) > 0);
                long resumedAt = load.firstAcknowledgementOfWriteIssuedAfter(deadAt).orElseThrow();
                await().atMost(Duration.ofSeconds(5)).until(() -> load.acknowledgedIssuedAfter(resumedAt) >= 250);

                // The old primary comes back empty and calling itself master, until the sentinels reconfigure it.
                long restartedAt = System.nanoTime();
                first.restart();
                List<String> seenWhileMaster = watchWhileMaster(first);
                setup.awaitReplicaInSync(FAILOVER_TIMEOUT);
                long rejoinedAt = System.nanoTime();
                assertThat(seenWhileMaster).as("toolkit connections or keys on the restarted old primary").isEmpty();
                assertThat(load.acknowledged(at -> at > restartedAt && at < rejoinedAt))
                        .as("writes acknowledged while the old primary rejoined").isNotEmpty();
                assertThat(load.failed()).as("writes failed after the restart")
                        .allMatch(write -> write.issuedAt() < restartedAt);

                // Second failover, back to the first node, now a replica: the client follows again.
                long secondKilledAt = System.nanoTime();
                second.kill();
                long secondDeadAt = System.nanoTime();
                setup.awaitPrimary(first.port(), FAILOVER_TIMEOUT);
                await().atMost(FAILOVER_TIMEOUT).until(() -> load.acknowledgedIssuedAfter(secondDeadAt) > 0);
                long secondResumedAt = load.firstAcknowledgementOfWriteIssuedAfter(secondDeadAt).orElseThrow();
                load.stopAndAwait(Duration.ofSeconds(30));

                long failedInFirstOutage = load.failed().stream()
                        .filter(w -> w.issuedAt() >= killedAt && w.issuedAt() < resumedAt).count();
                long failedInSecondOutage = load.failed().stream()
                        .filter(w -> w.issuedAt() >= secondKilledAt && w.issuedAt() < secondResumedAt).count();
                List<WriteLoad.Write> replicated = load.acknowledged(at -> at < replicatedUntil);
                List<WriteLoad.Write> riskyFirst = load.acknowledged(at -> at >= replicatedUntil && at < deadAt);
                List<WriteLoad.Write> beforeRestart = load.acknowledged(at -> at > deadAt && at < restartedAt);
                List<WriteLoad.Write> riskySecond = load.acknowledged(at -> at >= restartedAt && at < secondDeadAt);
                List<WriteLoad.Write> afterSecondFailover = load.acknowledged(at -> at > secondDeadAt);
                List<WriteLoad.Write> missingReplicated = WriteLoad.missingOn(first::sync, dbs, replicated);
                List<WriteLoad.Write> missingRiskyFirst = WriteLoad.missingOn(first::sync, dbs, riskyFirst);
                List<WriteLoad.Write> missingBeforeRestart = WriteLoad.missingOn(first::sync, dbs, beforeRestart);
                List<WriteLoad.Write> missingRiskySecond = WriteLoad.missingOn(first::sync, dbs, riskySecond);
                List<WriteLoad.Write> missingAfterSecond = WriteLoad.missingOn(first::sync, dbs,
                        afterSecondFailover);
                long oldestLossBeforeSecondKill = missingRiskySecond.stream()
                        .mapToLong(w -> millis(secondKilledAt - load.ackAt(w))).max().orElse(0);

                log.info("Sentinel failover ({}): {} writes issued at {}/s. First failover: sentinels promoted the "
                        + "replica {} ms after the kill, first write acknowledged {} ms after the kill. Old primary "
                        + "restarted, back as a replica after {} ms. Second failover {} ms after it rejoined: first "
                        + "write acknowledged {} ms after the kill. {} writes failed ({} issued during the first "
                        + "outage, {} during the second; {}). Acknowledged writes missing on the final primary: {} of "
                        + "{} acknowledged before WAIT 1, {} of {} between WAIT and the first kill, {} of {} between "
                        + "the first failover and the restart, {} of {} between the restart and the second kill "
                        + "(the oldest {} ms before it), {} of {} after the second failover",
                        strategy, load.issuedCount(), 1000 / WRITE_PERIOD.toMillis(), millis(promotedAt - killedAt),
                        millis(resumedAt - killedAt), millis(rejoinedAt - restartedAt),
                        millis(secondKilledAt - rejoinedAt), millis(secondResumedAt - secondKilledAt),
                        load.failed().size(), failedInFirstOutage, failedInSecondOutage, load.failureCounts(),
                        missingReplicated.size(), replicated.size(), missingRiskyFirst.size(), riskyFirst.size(),
                        missingBeforeRestart.size(), beforeRestart.size(), missingRiskySecond.size(),
                        riskySecond.size(), oldestLossBeforeSecondKill, missingAfterSecond.size(),
                        afterSecondFailover.size());

                assertThat(resumedAt - killedAt).as("writes resume within the failover timeout")
                        .isLessThan(FAILOVER_TIMEOUT.toNanos());
                assertThat(secondResumedAt - secondKilledAt).as("writes resume after the second failover")
                        .isLessThan(FAILOVER_TIMEOUT.toNanos());
                // Only what Redis guarantees: replication is asynchronous, so writes acknowledged after WAIT and
                // before a kill may be lost (counted above); these three sets cannot be.
                assertThat(missingReplicated).as("acknowledged and replicated (WAIT) before the first kill")
                        .isEmpty();
                assertThat(missingBeforeRestart).as("acknowledged by the promoted replica before the old primary "
                        + "restarted, so in the full sync it loaded before it was promoted").isEmpty();
                assertThat(missingAfterSecond).as("acknowledged by the final primary").isEmpty();
            } finally {
                load.stop();
                runtime.close().block(Duration.ofSeconds(10));
            }
        }
    }

    /**
     * Until the sentinels turn the restarted node into a replica, poll it: any toolkit connection or any key in it
     * while it calls itself master would be a write sent to the wrong node.
     */
    private static List<String> watchWhileMaster(PrivateRedisServer node) {
        List<String> seen = new ArrayList<>();
        // The sentinels' reconfiguration kills every normal client, ours included: poll again after such an error.
        await().atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreException(RedisException.class)
                .until(() -> {
                    // One round trip, so that the role and what follows describe the same moment.
                    String info = node.sync(0).info("everything");
                    if (!info.contains("role:master")) {
                        return true;
                    }
                    if (info.contains("\ndb")) {
                        seen.add("keys: " + info.substring(info.indexOf("# Keyspace")).trim());
                    }
                    String clients = node.sync(0).clientList();
                    if (clients.contains("name=" + SymphonyRedisConfig.DEFAULT_CLIENT_NAME)) {
                        seen.add("client: " + clients);
                    }
                    return false;
                });
        return seen;
    }

    private static SymphonyRuntime start(LocalSentinelSetup setup, ConnectionStrategy strategy) {
        SymphonyRedisConfig config = SymphonyRedisConfig.builder().url(setup.uri()).connectionStrategy(strategy)
                .poolSize(2).build();
        return SymphonyRuntime.create(config).block(Duration.ofSeconds(30));
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
