package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Hostile tenant ids, user ids and state names reach only their own keys: checked by a full dump of every key of
 * the test's tenants (names and contents) before and after each list, read, delete and clear.
 */
@OnEveryTopology
class SharedStateIsolationIntegrationTests {

    private static final List<String> HOSTILE_USERS = List.of("u1", "*", ":", "?", "[a-z]", "\\", "{", "}", "%2A",
            "日本🎵");

    private static RepositoryFixture fixture;
    private static RedisClusterCommands<String, String> raw;

    @Parameter
    Topology backend;

    @BeforeParameterizedClassInvocation
    static void start(Topology backend) {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(10));
        fixture = RepositoryFixture.open(backend);
        raw = fixture.raw(PoolAliases.SHARED_STATE);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fixture.close();
        StepVerifier.resetDefaultTimeout();
    }

    /** Every key that contains {@code marker}, with its fields. */
    private static Map<String, Map<String, String>> dump(String marker) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        raw.keys("*").stream().filter(key -> key.contains(marker)).forEach(key -> all.put(key, raw.hgetall(key)));
        return all;
    }

    /** The original's verified defect: {@code RedisSharedState(user_id="*").clear_all_states()}. */
    @Test
    void clearAllStates_ofUserStar_deletesOnlyTheStatesOfTheUserNamedStar() {
        String tenant = fixture.tenant();
        RedisSharedState star = fixture.repos.sharedState(tenant, "*");
        for (String user : List.of("u1", "u2")) {
            fixture.repos.sharedState(tenant, user).upsert("conversation", Map.of("who", user)).block();
        }
        star.upsert("conversation", Map.of("who", "*")).block();
        // Another tenant whose id starts like this tenant's shared-state prefix: the original's pattern
        // "{tenant}:SS:*:*" matched its key; so did a key the original itself writes for such a tenant.
        String otherTenant = tenant + ":SS:evil";
        fixture.repos.sharedState(otherTenant, "u9").upsert("conversation", Map.of("who", "u9")).block();
        raw.hset(tenant + ":SS:evil:SS:conversation:u9", "who", "python");
        raw.hset(tenant + ":SS:evil:SS:conversation:%2A", "who", "python-star");
        Map<String, Map<String, String>> before = dump(tenant);
        assertThat(before).hasSize(6);

        star.listStates().as(StepVerifier::create).expectNext("conversation").verifyComplete();
        star.clearAllStates().as(StepVerifier::create).expectNext(1L).verifyComplete();

        Map<String, Map<String, String>> expected = new TreeMap<>(before);
        expected.remove(tenant + ":SS:conversation:%2A");
        assertThat(dump(tenant)).isEqualTo(expected);
        star.listStates().as(StepVerifier::create).verifyComplete();
        raw.del(expected.keySet().toArray(String[]::new));
    }

    @Test
    void everyMethod_withHostileIds_touchesOnlyItsOwnScope() {
        String base = fixture.tenant();
        List<String> tenants = List.of(base, base + "*", base + ":SS", base + "{x}", base + "?ü", base + "\\");
        List<RedisSharedState> repos = new ArrayList<>();
        for (String tenant : tenants) {
            for (String user : HOSTILE_USERS) {
                repos.add(fixture.repos.sharedState(tenant, user));
            }
        }
        Flux.fromIterable(repos)
                .flatMap(repo -> repo.upsert("s1", Map.of("owner", owner(repo)))
                        .then(repo.upsert("user_profile", Map.of("owner", owner(repo)))), 64)
                .blockLast(Duration.ofSeconds(20));
        raw.hset(base + ":SS:evil:SS:s1:u1", "owner", "python");
        Map<String, Map<String, String>> before = dump(base);
        assertThat(before).hasSize(repos.size() * 2 + 1);

        for (RedisSharedState repo : repos) {
            repo.listStates().collectList().as(StepVerifier::create)
                    .assertNext(names -> assertThat(names).as(repo.toString())
                            .containsExactlyInAnyOrder("s1", "user_profile"))
                    .verifyComplete();
            repo.get("s1").as(StepVerifier::create)
                    .assertNext(map -> assertThat(map).containsEntry("owner", owner(repo)))
                    .verifyComplete();
            repo.getField("user_profile", "owner").as(StepVerifier::create).expectNext(owner(repo)).verifyComplete();
            for (String hostileName : List.of("*", "s?", "s[0-9]", "\\*", "user*")) {
                repo.exists(hostileName).as(StepVerifier::create).expectNext(false).verifyComplete();
                repo.delete(hostileName).as(StepVerifier::create).expectNext(0L).verifyComplete();
                repo.deleteField(hostileName, "owner").as(StepVerifier::create).expectNext(0L).verifyComplete();
            }
        }
        assertThat(dump(base)).as("reads and misses change nothing").isEqualTo(before);

        Map<String, Map<String, String>> remaining = new TreeMap<>(before);
        for (RedisSharedState repo : repos) {
            repo.clearAllStates().as(StepVerifier::create).expectNext(2L).verifyComplete();
            remaining.remove(fixture.support.keys().sharedStateKey(repo.tenant(), "s1", repo.userId()));
            remaining.remove(fixture.support.keys().sharedStateKey(repo.tenant(), "user_profile", repo.userId()));
            assertThat(dump(base)).as("after clearing " + repo).isEqualTo(remaining);
        }
        assertThat(remaining).containsOnlyKeys(base + ":SS:evil:SS:s1:u1");
        raw.del(base + ":SS:evil:SS:s1:u1");
    }

    private static String owner(RedisSharedState repo) {
        return repo.tenant() + "|" + repo.userId();
    }
}
