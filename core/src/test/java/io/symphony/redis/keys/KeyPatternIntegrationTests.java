package io.symphony.redis.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import io.symphony.redis.testsupport.TestRedis;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Confirms against a real Redis ({@code SCAN ... MATCH}) that the test glob matcher agrees with Redis for the
 * adversarial corpus, and that SCAN with a factory pattern followed by the paired parser yields exactly the
 * caller's scope. Writes only keys under a random run id in a random DB, and deletes exactly those keys.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyPatternIntegrationTests {

    private static final List<String> USERS = List.of("u1", "*", "u:1", "%3A", "[u]");
    private static final List<String> OTHERS = List.of("s", "*", "a%3Ab");
    /** Tenant suffixes: the run id is prefixed, so tenants are unique to this run. */
    private static final List<String> TENANT_SUFFIXES = List.of(":", "*", "?", "[", "]", "\\", "{", "}", "%",
            "%3A", "%253A", "%3a", "^", "a:b", "a_b", "a%3Ab", "a*", "[a-z]", "[^a]", "\\*", "a b", "é", "😀",
            "שלום", "a:batch", "zz", "zz:SS:evil", "{acme}", "%7Bacme%7D", "pending_batches:x");

    private final SecureRandom random = new SecureRandom();
    private final String run = "kpit" + Long.toHexString(random.nextLong());
    private final int db = random.nextInt(16);
    private final Map<HashTagMode, KeyFactory> factories = new EnumMap<>(HashTagMode.class);
    private final Map<HashTagMode, Map<String, KeyTuple>> written = new EnumMap<>(HashTagMode.class);
    private final Set<String> rawKeys = new HashSet<>();
    private final List<String> tenants = new ArrayList<>();
    private RedisCommands<String, String> redis;

    @BeforeAll
    void writeKeys() {
        redis = TestRedis.shared().sync(db);
        tenants.add(run);
        TENANT_SUFFIXES.forEach(c -> tenants.add(run + "-" + c));
        Map<String, String> all = new LinkedHashMap<>();
        for (HashTagMode mode : HashTagMode.values()) {
            KeyFactory f = KeyFactory.builder().hashTagMode(mode).build();
            factories.put(mode, f);
            Map<String, KeyTuple> keys = new HashMap<>();
            for (String tenant : tenants) {
                for (KeyTuple tuple : tuplesOf(tenant)) {
                    keys.put(tuple.build(f), tuple);
                }
            }
            written.put(mode, keys);
            keys.keySet().forEach(k -> all.put(k, "1"));
        }
        for (String tenant : tenants) {
            rawKeys.addAll(legacyKeys(tenant));
        }
        rawKeys.forEach(k -> all.put(k, "1"));
        List<String> names = new ArrayList<>(all.keySet());
        for (int i = 0; i < names.size(); i += 500) {
            Map<String, String> chunk = new LinkedHashMap<>();
            names.subList(i, Math.min(names.size(), i + 500)).forEach(k -> chunk.put(k, "1"));
            assertThat(redis.mset(chunk)).isEqualTo("OK");
        }
    }

    @AfterAll
    void deleteKeys() {
        if (redis == null) {
            return;
        }
        List<String> mine = new ArrayList<>(rawKeys);
        written.values().forEach(m -> mine.addAll(m.keySet()));
        for (int i = 0; i < mine.size(); i += 500) {
            redis.del(mine.subList(i, Math.min(mine.size(), i + 500)).toArray(new String[0]));
        }
    }

    @Test
    void globMatcher_agreesWithRedisScan() {
        Set<String> mine = allMine();
        List<String> patterns = new ArrayList<>(List.of(run + "*", run + "?*", run + "-[a-z]*", run + "-[^a]*",
                run + "-*\\**", run + "-*\\%*", run + "-[\\]]*", run + "*:user:*", run + "-[%-:]*", run + "-*[*]*",
                run + "*\\\\*", run + "-[[]*", run + "-\\?*", run + "-[é]*", run + "-?:*", run + "-[a", run + "*}*"));
        for (String c : TENANT_SUFFIXES) {
            patterns.add(KeyFactory.globEscape(run + "-" + c) + "*");
            patterns.add(KeyFactory.globEscape(run + "-" + c) + ":*");
        }
        List<String> withBraces = patterns.stream().map(p -> "{" + p).collect(Collectors.toList());
        patterns.addAll(withBraces);
        int nonEmpty = 0;
        for (String pattern : patterns) {
            Set<String> byRedis = scan(pattern, mine);
            Set<String> byMatcher = mine.stream().filter(k -> RedisGlob.matches(pattern, k))
                    .collect(Collectors.toSet());
            assertThat(byRedis).as("MATCH %s", pattern).isEqualTo(byMatcher);
            nonEmpty += byRedis.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThan(patterns.size() / 2);
    }

    @Test
    void scanThenParse_yieldsExactlyTheCallersScope() {
        Set<String> mine = allMine();
        int hits = 0;
        for (HashTagMode mode : HashTagMode.values()) {
            KeyFactory f = factories.get(mode);
            Map<String, KeyTuple> own = written.get(mode);
            for (String tenant : tenants) {
                for (ScopeQuery query : queries(f, tenant)) {
                    Set<String> byRedis = scan(query.pattern(), mine);
                    assertThat(byRedis).as("MATCH %s", query)
                            .isEqualTo(mine.stream().filter(k -> RedisGlob.matches(query.pattern(), k))
                                    .collect(Collectors.toSet()));
                    Set<String> parsed = new HashSet<>();
                    for (String key : byRedis) {
                        Optional<String> rebuilt = query.parseAndRebuild().apply(key);
                        rebuilt.ifPresent(r -> assertThat(r).as("%s accepted %s", query, key).isEqualTo(key));
                        rebuilt.ifPresent(parsed::add);
                    }
                    Set<String> expected = own.entrySet().stream().filter(e -> query.inScope().test(e.getValue()))
                            .map(Map.Entry::getKey).collect(Collectors.toSet());
                    parsed.removeIf(k -> rawKeys.contains(k) && !own.containsKey(k));
                    assertThat(parsed).as("%s", query).isEqualTo(expected);
                    hits += expected.size();
                }
            }
        }
        assertThat(hits).isGreaterThan(500);
    }

    private List<ScopeQuery> queries(KeyFactory f, String tenant) {
        List<ScopeQuery> all = new ArrayList<>(ScopeQuery.all(f, tenant, "u1", "*"));
        all.addAll(ScopeQuery.all(f, tenant, "*", ":"));
        all.addAll(ScopeQuery.all(f, tenant, "u:1", "a%3Ab"));
        return all;
    }

    private Set<String> allMine() {
        Set<String> mine = new HashSet<>(rawKeys);
        written.values().forEach(m -> mine.addAll(m.keySet()));
        return mine;
    }

    /** Run a full SCAN with {@code pattern} and keep the keys this test wrote. */
    private Set<String> scan(String pattern, Set<String> mine) {
        Set<String> found = new HashSet<>();
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
        KeyScanCursor<String> cursor = redis.scan(ScanCursor.INITIAL, args);
        while (true) {
            cursor.getKeys().stream().filter(mine::contains).forEach(found::add);
            if (cursor.isFinished()) {
                return found;
            }
            cursor = redis.scan(cursor, args);
        }
    }

    private static List<KeyTuple> tuplesOf(String tenant) {
        List<KeyTuple> tuples = new ArrayList<>();
        for (String user : USERS) {
            tuples.add(KeyTuple.of(KeyTuple.Kind.USER, tenant, user));
            for (String other : OTHERS) {
                tuples.add(KeyTuple.of(KeyTuple.Kind.HANDLER, tenant, other, user));
                tuples.add(KeyTuple.of(KeyTuple.Kind.SHARED, tenant, other, user));
                tuples.add(KeyTuple.of(KeyTuple.Kind.TABLE, tenant, other, user));
                tuples.add(KeyTuple.of(KeyTuple.Kind.TRIGGER, tenant, other, user));
            }
        }
        tuples.add(KeyTuple.of(KeyTuple.Kind.GENERIC, tenant, "config"));
        tuples.add(KeyTuple.of(KeyTuple.Kind.BATCH, tenant, "s", "e", "a"));
        return tuples;
    }

    /** Keys as the original Python toolkit could have written them: unescaped tenants and components. */
    private static List<String> legacyKeys(String tenant) {
        return List.of(tenant + ":user:u1", tenant + ":user:*", tenant + ":user:u1:x", "{" + tenant + "}:user:u1",
                tenant + ":SS:a:b:u1", tenant + ":SS:a_b:u1", tenant + ":SS:x:*", tenant + ":state:h:u:1",
                tenant + ":df:t:pkid:p:1", tenant + ":df:*:pkid:*", tenant + ":EXPTRIGGER:a:b:*",
                tenant + ":EXPTRIGGER:a:u_1", tenant + ":user:%3a", tenant + ":user:%");
    }
}
