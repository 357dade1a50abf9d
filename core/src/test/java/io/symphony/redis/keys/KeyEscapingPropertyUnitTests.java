package io.symphony.redis.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests of the key scheme, with fixed seeds so that a failure reproduces: escaping is total on valid
 * input and reversible, keys are injective across kinds, and every SCAN pattern with its parser selects exactly the
 * caller's scope.
 */
class KeyEscapingPropertyUnitTests {

    private static final int ITERATIONS = 5_000;
    private static final String SPECIALS = "%:*?[]\\{}";

    /** Strings that look like escapes of each other or like layout parts; their products are tried exhaustively. */
    private static final List<String> AMBIGUOUS = List.of(":", "a", "b", "a:b", "a%3Ab", "a_b", "%", "%25", "*",
            "{a}", "a:batch", "batch", "state", "SS", "user", "pkid", "EXPTRIGGER");

    static Stream<Arguments> seedsAndModes() {
        List<Arguments> all = new ArrayList<>();
        for (long seed : new long[] {1L, 42L, 20_240_601L, 0xC0FFEEL}) {
            for (HashTagMode mode : HashTagMode.values()) {
                all.add(Arguments.of(seed, mode));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{displayName} seed={0}")
    @ValueSource(longs = {1L, 42L, 20_240_601L, 0xC0FFEEL})
    void escape_acceptsExactlyTheValidComponents(long seed) {
        Random random = new Random(seed);
        int rejected = 0;
        for (String s : candidates(random)) {
            if (isValidOracle(s)) {
                assertThat(KeyFactory.escape(s)).as("escape(%s)", s).isNotNull();
            } else {
                rejected++;
                assertThatThrownBy(() -> KeyFactory.escape(s)).as("escape(%s)", s)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("component ");
            }
        }
        assertThat(rejected).as("the generator must produce invalid input too").isGreaterThan(ITERATIONS / 10);
    }

    @ParameterizedTest(name = "{displayName} seed={0}")
    @ValueSource(longs = {1L, 42L, 20_240_601L, 0xC0FFEEL})
    void escape_roundTripsAndLeavesNoSpecialCharacter(long seed) {
        Random random = new Random(seed);
        for (String s : candidates(random)) {
            if (!isValidOracle(s)) {
                continue;
            }
            String escaped = KeyFactory.escape(s);
            assertThat(KeyFactory.unescape(escaped)).isEqualTo(s);
            assertThat(escaped.replaceAll("%(25|3A|2A|3F|5B|5D|5C|7B|7D)", "")).doesNotContain(
                    "%", ":", "*", "?", "[", "]", "\\", "{", "}");
            assertThat(escaped.equals(s)).as("unchanged iff plain: %s", s).isEqualTo(s.chars().noneMatch(
                    c -> SPECIALS.indexOf(c) >= 0));
        }
    }

    @ParameterizedTest(name = "{displayName} seed={0}")
    @ValueSource(longs = {1L, 42L, 20_240_601L, 0xC0FFEEL})
    void unescape_acceptsOnlyWhatEscapeProduces(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        int rejected = 0;
        for (String s : candidates(random)) {
            String decoded;
            try {
                decoded = KeyFactory.unescape(s);
            } catch (IllegalArgumentException e) {
                rejected++;
                continue;
            }
            accepted++;
            assertThat(KeyFactory.escape(decoded)).as("escape(unescape(%s))", s).isEqualTo(s);
        }
        assertThat(accepted).isGreaterThan(ITERATIONS / 10);
        assertThat(rejected).isGreaterThan(ITERATIONS / 10);
    }

    @ParameterizedTest(name = "{displayName} mode={0}")
    @MethodSource("modes")
    void keys_areInjectiveAcrossKindsForAllAmbiguousCombinations(HashTagMode mode) {
        KeyFactory f = KeyFactory.builder().hashTagMode(mode).build();
        Map<String, KeyTuple> seen = new HashMap<>();
        for (KeyTuple.Kind kind : KeyTuple.Kind.values()) {
            forEachProduct(kind.arity, parts -> record(f, KeyTuple.of(kind, parts), seen));
        }
        assertThat(seen).hasSizeGreaterThan(60_000);
        assertThat(f.handlerStateKey("a:batch", "s", "e")).isNotEqualTo(f.batchListKey("a", "s", "e", "x"));
    }

    @ParameterizedTest(name = "{displayName} seed={0} mode={1}")
    @MethodSource("seedsAndModes")
    void keys_areInjectiveAndParsersInvertBuildersForRandomTuples(long seed, HashTagMode mode) {
        KeyFactory f = KeyFactory.builder().hashTagMode(mode).build();
        Random random = new Random(seed);
        List<String> pool = validPool(random, 60);
        Map<String, KeyTuple> seen = new HashMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            KeyTuple tuple = KeyTuple.random(random, pool, pool);
            String key = record(f, tuple, seen);
            if (key != null) {
                assertParsersInvert(f, tuple, key);
            }
        }
        assertThat(seen).hasSizeGreaterThan(ITERATIONS / 2);
    }

    @ParameterizedTest(name = "{displayName} seed={0} mode={1}")
    @MethodSource("seedsAndModes")
    void patternsAndParsers_selectExactlyTheCallersScope(long seed, HashTagMode mode) {
        KeyFactory f = KeyFactory.builder().hashTagMode(mode).build();
        Random random = new Random(seed);
        List<String> tenants = scopePool(random, List.of("a", "a:batch", "zz", "zz:SS:evil", "*", "a*", "{a}",
                "%7Ba%7D", "acme", "acme:user:u1"));
        List<String> others = scopePool(random, List.of("u1", "*", "u:1", "u_1", "u%3A1", "?", "[u]1", "\\"));
        Map<String, KeyTuple> universe = new HashMap<>();
        for (int i = 0; i < 1_500; i++) {
            KeyTuple tuple = KeyTuple.random(random, tenants, others);
            String key = record(f, tuple, universe);
            if (key == null) {
                continue;
            }
        }
        long hits = 0;
        for (int q = 0; q < 40; q++) {
            String tenant = KeyCorpus.small(random, tenants);
            for (ScopeQuery query : ScopeQuery.all(f, tenant, KeyCorpus.small(random, others),
                    KeyCorpus.small(random, others))) {
                hits += checkQueryOnUniverse(query, tenant, universe);
            }
        }
        assertThat(hits).as("queries must select some keys").isGreaterThan(100);
    }

    @ParameterizedTest(name = "{displayName} seed={0} mode={1}")
    @MethodSource("seedsAndModes")
    void parsers_acceptNoForeignKeyOutsideTheScope(long seed, HashTagMode mode) {
        KeyFactory f = KeyFactory.builder().hashTagMode(mode).build();
        Random random = new Random(seed);
        List<String> tenants = scopePool(random, List.of("a", "a:b", "*"));
        List<String> others = scopePool(random, List.of("u1", "u:1", "*"));
        List<ScopeQuery> queries = new ArrayList<>();
        for (String tenant : tenants.subList(0, 3)) {
            queries.addAll(ScopeQuery.all(f, tenant, others.get(0), others.get(1)));
        }
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String key = foreignKey(random, f, tenants, others);
            for (ScopeQuery query : queries) {
                Optional<String> rebuilt = query.parseAndRebuild().apply(key);
                if (rebuilt.isPresent()) {
                    accepted++;
                    assertThat(rebuilt).as("%s accepted a key it would not build", query).contains(key);
                    assertThat(RedisGlob.matches(query.pattern(), key)).as("%s on %s", query, key).isTrue();
                }
            }
            f.parseTrigger(key).ifPresent(t -> assertThat(f.triggerKey(t.tenant(), t.action(), t.identifier()))
                    .isEqualTo(key).isEqualTo(t.key()));
        }
        assertThat(accepted).as("some generated keys must be in scope").isGreaterThan(50);
    }

    static Stream<HashTagMode> modes() {
        return Stream.of(HashTagMode.values());
    }

    // ---------------------------------------------------------------- helpers

    private static long checkQueryOnUniverse(ScopeQuery query, String tenant, Map<String, KeyTuple> universe) {
        long hits = 0;
        for (Map.Entry<String, KeyTuple> e : universe.entrySet()) {
            String key = e.getKey();
            KeyTuple tuple = e.getValue();
            boolean expected = query.inScope().test(tuple);
            boolean matched = RedisGlob.matches(query.pattern(), key);
            Optional<String> parsed = query.parseAndRebuild().apply(key);
            if (matched != expected || parsed.isPresent() != expected) {
                fail("%s: key %s of %s: in scope=%s, glob=%s, parser=%s", query, key, tuple, expected, matched,
                        parsed);
            }
            if (!tuple.kind().equals(KeyTuple.Kind.PENDING) && !tuple.part(0).equals(tenant)) {
                assertThat(matched).as("pattern of %s matched a key of tenant %s", tenant, tuple.part(0)).isFalse();
            }
            if (expected) {
                hits++;
                assertThat(parsed).contains(key);
            }
        }
        return hits;
    }

    /** Build and register a tuple's key, failing on a collision; return null if the key is too long. */
    private static String record(KeyFactory f, KeyTuple tuple, Map<String, KeyTuple> seen) {
        String key;
        try {
            key = tuple.build(f);
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining(" key is ");
            return null;
        }
        KeyTuple previous = seen.putIfAbsent(key, tuple);
        if (previous != null && !previous.equals(tuple)) {
            fail("collision: %s and %s both build %s", previous, tuple, key);
        }
        return key;
    }

    private static void assertParsersInvert(KeyFactory f, KeyTuple t, String key) {
        switch (t.kind()) {
            case USER:
                assertThat(f.parseUserId(t.part(0), key)).contains(t.part(1));
                break;
            case HANDLER:
                assertThat(f.parseHandlerName(t.part(0), t.part(2), key)).contains(t.part(1));
                break;
            case TABLE:
                assertThat(f.parseTableRow(t.part(0), key)).contains(new TableRowId(t.part(1), t.part(2)));
                break;
            case TRIGGER:
                assertThat(f.parseTriggerAction(t.part(0), t.part(2), key)).contains(t.part(1));
                assertThat(f.parseTrigger(key)).contains(new TriggerKey(t.part(0), t.part(1), t.part(2), key));
                break;
            case SHARED:
                assertThat(f.parseSharedStateName(t.part(0), t.part(2), key)).contains(t.part(1));
                break;
            default:
                assertThat(f.parseTrigger(key)).isEmpty();
                break;
        }
        if (t.kind() != KeyTuple.Kind.TRIGGER) {
            assertThat(f.parseTrigger(key)).isEmpty();
        }
    }

    private interface PartsConsumer {
        void accept(String... parts);
    }

    private static void forEachProduct(int arity, PartsConsumer consumer) {
        int n = AMBIGUOUS.size();
        int total = (int) Math.pow(n, arity);
        for (int i = 0; i < total; i++) {
            String[] parts = new String[arity];
            int rest = i;
            for (int j = 0; j < arity; j++) {
                parts[j] = AMBIGUOUS.get(rest % n);
                rest /= n;
            }
            consumer.accept(parts);
        }
    }

    /** Random candidates, the adversarial corpus and the invalid corpus. */
    private static List<String> candidates(Random random) {
        List<String> all = new ArrayList<>(KeyCorpus.ADVERSARIAL);
        all.addAll(KeyCorpus.INVALID);
        for (String s : KeyCorpus.ADVERSARIAL) {
            if (s.length() < 100) {
                all.add(KeyFactory.escape(s));
                all.add(KeyFactory.escape(KeyFactory.escape(s)));
            }
        }
        for (int i = 0; i < ITERATIONS; i++) {
            all.add(KeyCorpus.randomMaybeInvalid(random));
        }
        return all;
    }

    /** Validity as specified, computed independently of the implementation. */
    private static boolean isValidOracle(String s) {
        if (s.isEmpty() || s.codePoints().anyMatch(c -> Character.isISOControl(c)
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))) {
            return false;
        }
        long specials = s.chars().filter(c -> SPECIALS.indexOf(c) >= 0).count();
        return s.getBytes(StandardCharsets.UTF_8).length + 2 * specials <= KeyFactory.MAX_COMPONENT_BYTES;
    }

    private static List<String> validPool(Random random, int randomCount) {
        Set<String> pool = new LinkedHashSet<>(KeyCorpus.ADVERSARIAL);
        pool.addAll(AMBIGUOUS);
        while (pool.size() < KeyCorpus.ADVERSARIAL.size() + randomCount) {
            String s = KeyCorpus.randomComponent(random);
            if (isValidOracle(s)) {
                pool.add(s);
            }
        }
        return new ArrayList<>(pool);
    }

    /** A small pool: the given scope-breaking values, some adversarial and some random short strings. */
    private static List<String> scopePool(Random random, List<String> fixed) {
        Set<String> pool = new LinkedHashSet<>(fixed);
        while (pool.size() < fixed.size() + 6) {
            String s = random.nextBoolean() ? KeyCorpus.small(random, KeyCorpus.ADVERSARIAL)
                    : KeyCorpus.randomComponent(random);
            if (isValidOracle(s) && s.length() < 40) {
                pool.add(s);
            }
        }
        return new ArrayList<>(pool);
    }

    /**
     * A key someone else could have written: a key of the queried scopes, possibly with one character changed, or
     * random segments, some of them right, some raw or malformed.
     */
    private static String foreignKey(Random random, KeyFactory f, List<String> tenants, List<String> others) {
        if (random.nextBoolean()) {
            String key = tryBuild(f, KeyTuple.random(random, tenants.subList(0, 3), others.subList(0, 2)));
            if (key != null) {
                return mutate(random, key);
            }
        }
        int segments = 2 + random.nextInt(5);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            parts.add(foreignSegment(random, f, i == 0 ? tenants : others));
        }
        return String.join(":", parts);
    }

    private static String foreignSegment(Random random, KeyFactory f, List<String> pool) {
        String value = KeyCorpus.small(random, pool);
        switch (random.nextInt(7)) {
            case 0:
                return value;
            case 1:
                return "{" + KeyFactory.escape(value) + "}";
            case 2:
                return List.of(f.userPrefix(), f.handlerPrefix(), f.tablePrefix(), f.pkMarker(), f.triggerPrefix(),
                        f.sharedStatePrefix(), f.batchListPrefix(), f.pendingSetPrefix()).get(random.nextInt(8));
            case 3:
                return KeyCorpus.randomMaybeInvalid(random);
            case 4:
                return "";
            default:
                return KeyFactory.escape(value);
        }
    }

    /** Sometimes change a valid key slightly: one character replaced, inserted or removed. */
    private static String mutate(Random random, String key) {
        if (random.nextBoolean()) {
            return key;
        }
        int at = random.nextInt(key.length());
        String insert = String.valueOf(":*%{}_aA3".charAt(random.nextInt(9)));
        switch (random.nextInt(3)) {
            case 0:
                return key.substring(0, at) + insert + key.substring(at + 1);
            case 1:
                return key.substring(0, at) + insert + key.substring(at);
            default:
                return key.substring(0, at) + key.substring(at + 1);
        }
    }

    private static String tryBuild(KeyFactory f, KeyTuple tuple) {
        try {
            return tuple.build(f);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
