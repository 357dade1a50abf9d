package io.symphony.redis.benchmarks;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.reactive.RedisHashReactiveCommands;
import io.lettuce.core.api.reactive.RedisKeyReactiveCommands;
import io.symphony.redis.codec.FieldTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The user-record workload: a 6-field record written as a hash of JSON values with a TTL, then read back whole.
 * The values are what users store: text, an integer, a double with all 17 digits, a boolean, a list, and a map
 * holding nested lists of doubles. Keys cycle over 1,024 users so the data set stays small and hot.
 */
final class UserRecords {

    /** Users the workload cycles over. */
    static final int USERS = 1024;
    /** TTL of every record. */
    static final Duration TTL = Duration.ofHours(1);
    /** The tenant every benchmark user lives in. */
    static final String TENANT = "bench";
    /** Types of the record's fields, for typed reads. */
    static final FieldTypes TYPES = FieldTypes.builder()
            .field("name", String.class)
            .field("age", Long.class)
            .field("score", Double.class)
            .field("active", Boolean.class)
            .field("tags", List.class)
            .field("profile", Map.class)
            .build();

    private static final String[] USER_IDS = new String[USERS];
    private static final String[] RAW_KEYS = new String[USERS];
    private static final Map<String, String> RAW_FIELDS = Map.of(
            "name", "\"Ada Lovelace\"", "age", "36", "score", "98.5", "active", "true",
            "tags", "[\"math\", \"engines\"]");

    static {
        for (int i = 0; i < USERS; i++) {
            USER_IDS[i] = "u" + i;
            RAW_KEYS[i] = "bench:user:" + i;
        }
    }

    private UserRecords() {
    }

    /** The record as Java values. */
    static Map<String, Object> record() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Ada Lovelace");
        record.put("age", 36L);
        record.put("score", 98.53981633974483);
        record.put("active", Boolean.TRUE);
        record.put("tags", new ArrayList<>(List.of("math", "engines")));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("city", "London");
        profile.put("geo", List.of(51.507217, -0.1275862));
        profile.put("ratings", List.of(List.of(0.1, 2.5e-05), List.of(1e+21, 3.14159)));
        record.put("profile", profile);
        return record;
    }

    /** The user id of operation {@code i}. */
    static String userId(int i) {
        return USER_IDS[Math.floorMod(i, USERS)];
    }

    /** A plain key for operation {@code i}, for clients that do not use the toolkit's key scheme. */
    static String rawKey(int i) {
        return RAW_KEYS[Math.floorMod(i, USERS)];
    }

    /**
     * HSET the pre-encoded record, EXPIRE it, then HGETALL it, as three commands on one connection: the
     * connection-level workload of the pool-contention benchmark (no codec work, so only the strategy differs).
     */
    static <C extends RedisHashReactiveCommands<String, String> & RedisKeyReactiveCommands<String, String>>
            Mono<List<KeyValue<String, String>>> writeThenRead(C commands, String key) {
        return commands.hset(key, RAW_FIELDS)
                .then(commands.expire(key, TTL))
                .then(commands.hgetall(key).collectList());
    }
}
