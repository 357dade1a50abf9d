package io.symphony.redis.benchmarks;

/** The client libraries compared on the user-record workload; each row of the table is a ratio to RAW_LETTUCE. */
public enum Peer {
    /** Symphony Redis repositories on the default (shared) strategy: EVALSHA of HSET+PEXPIRE, then HGETALL. */
    SYMPHONY,
    /**
     * Lettuce reactive commands with plain Jackson 3, sending the toolkit's own commands (EVALSHA of the same
     * HSET+PEXPIRE script, then HGETALL) and decoding into the same types: the baseline.
     */
    RAW_LETTUCE,
    /**
     * Spring Data Redis {@code ReactiveRedisTemplate} hash operations with {@code JacksonJsonRedisSerializer}: HSET,
     * EXPIRE, HGETALL (three round trips; it has no atomic write-with-TTL).
     */
    SPRING_DATA_REDIS,
    /** Redisson {@code RMapReactive} with its {@code JsonJacksonCodec}: putAll, expire, readAllMap. */
    REDISSON;

    /** Connect this client to the server at {@code uri}. */
    UserRecordClient open(String host, int port) {
        return switch (this) {
            case SYMPHONY -> SymphonyUserClient.open(host, port);
            case RAW_LETTUCE -> RawLettuceUserClient.open(host, port);
            case SPRING_DATA_REDIS -> SpringDataUserClient.open(host, port);
            case REDISSON -> RedissonUserClient.open(host, port);
        };
    }
}
