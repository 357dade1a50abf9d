package io.symphony.redis.benchmarks;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * One client library doing the user-record workload the way its users write it: store the record as a hash of
 * JSON values with a TTL, then read it back decoded.
 */
interface UserRecordClient extends AutoCloseable {

    /** Write the record of operation {@code i}'s user with the workload's TTL, then read it back decoded. */
    Mono<Map<String, Object>> upsertThenGet(int i, Map<String, Object> record);

    /** Release the client's connections (blocking; benchmark teardown only). */
    @Override
    void close();
}
