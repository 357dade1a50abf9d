package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.TestRedis;
import io.symphony.redis.testsupport.Topology;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.test.StepVerifier;

/**
 * Records of several tenants and users, then every find and delete of {@link RedisUser} and {@link RedisTable}
 * run with hostile tenants and ids; a full key dump of both pools shows that nothing outside the caller's scope was
 * read or touched (the original's unescaped globs reached other users and tenants).
 */
@OnEveryTopology
class UserTableIsolationIntegrationTests {

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> users;
    private static RedisClusterCommands<String, String> rows;

    @Parameter
    Topology backend;

    private final String base = TestRedis.uniqueTenant("iso");
    /** Tenants that hold records; several would be inside {@code base}'s namespace if tenants were not escaped. */
    private final List<String> tenants = List.of(base, base + "b", base + ":user", base + ":df:x", base + "ü",
            base + "*");
    private final List<String> userIds = List.of("u1", "u2", "*", "x:y");
    private final List<String> hostile = List.of("*", "?", "[", "[u]*", "\\", "{", "}", ":", "*:*", "u*", "p?",
            "ü", "😀", "%2A");

    @BeforeParameterizedClassInvocation
    static void open(Topology backend) {
        fixture = RepositoryFixture.open(backend);
        users = fixture.raw(PoolAliases.USER);
        rows = fixture.raw(PoolAliases.HANDLERS);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        fixture.close();
    }

    private void seed() {
        for (String tenant : tenants) {
            for (String userId : userIds) {
                fixture.repos.user(tenant, userId)
                        .upsert(Map.of("email", tenant + "/" + userId, "role", "admin")).block();
            }
            RedisTable table = fixture.repos.table(tenant);
            for (String[] row : new String[][] {{"orders", "p1"}, {"orders", "p2"}, {"items", "p1"}, {"*", "p1"},
                    {"orders", "*"}}) {
                table.upsert(row[0], row[1], Map.of("sku", tenant + "/" + row[0] + "/" + row[1], "kind", "row"))
                        .block();
            }
        }
        // Keys inside base's globs that this factory never builds (the original's tenant "<base>:user:evil" or
        // "<base>:df:evil" would write them): SCAN MATCH returns them, the parsers must keep them out.
        users.hset(base + ":user:evil:u1", Map.of("email", "evil", "role", "admin"));
        rows.hset(base + ":df:evil:df:orders:pkid:p1", Map.of("sku", "evil", "kind", "row"));
    }

    /**
     * Every key of this test's tenants with its fields, from the user pool's and the handlers pool's DBs (one DB 0 on
     * a Cluster, where KEYS asks every primary).
     */
    private Map<String, Map<String, String>> dump() {
        Map<String, Map<String, String>> dump = new TreeMap<>();
        for (RedisClusterCommands<String, String> raw : List.of(users, rows).stream().distinct().toList()) {
            for (String key : raw.keys("*")) {
                if (key.startsWith(base)) {
                    dump.put(key, raw.hgetall(key));
                }
            }
        }
        return dump;
    }

    @Test
    void hostileTenantsAndIds_neitherReadNorTouchAnythingOutsideTheirScope() {
        seed();
        Map<String, Map<String, String>> before = dump();
        assertThat(before).hasSize(tenants.size() * userIds.size() + 1 + tenants.size() * 5 + 1);

        List<String> emptyTenants = List.of(base + "?", base + "[b]", base + "\\", base + "{", base + "*x", "*",
                "?*", base + ":*", base.substring(0, base.length() - 1) + "?");
        for (String tenant : emptyTenants) {
            for (String id : hostile) {
                assertNothingVisible(fixture.repos.user(tenant, id));
                assertNothingVisible(fixture.repos.table(tenant), id);
            }
        }
        for (String id : hostile) {
            if (!userIds.contains(id)) {
                assertNoRecord(fixture.repos.user(base, id));
            }
            RedisTable table = fixture.repos.table(base);
            table.findByField(id, "kind", "row").as(StepVerifier::create)
                    .expectNextCount(id.equals("*") ? 1 : 0).verifyComplete();
            if (!id.equals("*")) {
                table.deleteAllByPkid(id).as(StepVerifier::create).expectNext(0L).verifyComplete();
            }
        }
        fixture.repos.user(base, "u*").findByField("email", base + "b/u1").as(StepVerifier::create)
                .verifyComplete();
        fixture.repos.user(base, "*").findByField("email", "evil").as(StepVerifier::create)
                .verifyComplete();
        fixture.repos.table(base).findByField("orders", "sku", "evil").as(StepVerifier::create)
                .verifyComplete();

        assertThat(dump()).isEqualTo(before);

        // The hostile ids that name real records reach exactly those records.
        fixture.repos.user(base, "*").delete().as(StepVerifier::create).expectNext(1L).verifyComplete();
        fixture.repos.table(base).deleteAllByPkid("*").as(StepVerifier::create).expectNext(1L)
                .verifyComplete();
        before.remove(base + ":user:%2A");
        before.remove(base + ":df:orders:pkid:%2A");
        assertThat(dump()).isEqualTo(before);
    }

    private static void assertNothingVisible(RedisUser user) {
        user.findByField("role", "admin").as(StepVerifier::create).verifyComplete();
        assertNoRecord(user);
    }

    private static void assertNoRecord(RedisUser user) {
        user.get().as(StepVerifier::create).verifyComplete();
        user.getField("email").as(StepVerifier::create).verifyComplete();
        user.exists().as(StepVerifier::create).expectNext(false).verifyComplete();
        user.deleteField("email").as(StepVerifier::create).expectNext(0L).verifyComplete();
        user.delete().as(StepVerifier::create).expectNext(0L).verifyComplete();
    }

    private static void assertNothingVisible(RedisTable table, String id) {
        table.findByField("orders", "kind", "row").as(StepVerifier::create).verifyComplete();
        table.findByField(id, "kind", "row").as(StepVerifier::create).verifyComplete();
        table.get(id, "p1").as(StepVerifier::create).verifyComplete();
        table.exists("orders", id).as(StepVerifier::create).expectNext(false).verifyComplete();
        table.delete("orders", id).as(StepVerifier::create).expectNext(0L).verifyComplete();
        table.deleteAllByPkid(id).as(StepVerifier::create).expectNext(0L).verifyComplete();
        table.deleteAllByPkid("p1").as(StepVerifier::create).expectNext(0L).verifyComplete();
    }
}
