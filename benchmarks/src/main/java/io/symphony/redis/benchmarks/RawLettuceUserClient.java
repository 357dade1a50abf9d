package io.symphony.redis.benchmarks;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The baseline: Lettuce reactive commands on one connection, values as JSON through Jackson 3. */
final class RawLettuceUserClient implements UserRecordClient {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisReactiveCommands<String, String> commands;
    private final JsonMapper json = JsonMapper.builder().build();

    private RawLettuceUserClient(RedisClient client) {
        this.client = client;
        this.connection = client.connect();
        this.commands = connection.reactive();
    }

    static RawLettuceUserClient open(String host, int port) {
        return new RawLettuceUserClient(RedisClient.create(RedisURI.create(host, port)));
    }

    @Override
    public Mono<Map<String, Object>> upsertThenGet(int i, Map<String, Object> record) {
        String key = UserRecords.rawKey(i);
        return Mono.defer(() -> {
            Map<String, String> encoded = new HashMap<>();
            record.forEach((field, value) -> encoded.put(field, json.writeValueAsString(value)));
            return commands.hset(key, encoded)
                    .then(commands.expire(key, UserRecords.TTL))
                    .then(commands.hgetall(key).collectMap(KeyValue::getKey, this::decode));
        });
    }

    private Object decode(KeyValue<String, String> entry) {
        return json.readValue(entry.getValue(), Object.class);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(0, Teardown.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
