package io.symphony.redis.benchmarks;

/** The client libraries compared on the user-record workload; each row of the table is a ratio to RAW_LETTUCE. */
public enum Peer {
    /** Symphony Redis repositories on the default (shared) strategy. */
    SYMPHONY,
    /** Lettuce reactive commands with Jackson 3, HSET then EXPIRE then HGETALL: the baseline. */
    RAW_LETTUCE,
    /** Spring Data Redis {@code ReactiveRedisTemplate} hash operations with {@code JacksonJsonRedisSerializer}. */
    SPRING_DATA_REDIS,
    /** Redisson {@code RMapReactive} with its {@code JsonJacksonCodec}. */
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
