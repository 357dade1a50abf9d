package io.symphony.redis.benchmarks;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline: Lettuce reactive commands on one connection, values as JSON through plain Jackson 3, sending the
 * toolkit's own commands: EVALSHA of its HSET+PEXPIRE script (the same source, read by {@link SameScripts}), then
 * HGETALL decoded into the same field types. Only the codec (Python's wire format there, Jackson's default JSON
 * here) and the toolkit's own layers differ.
 */
final class RawLettuceUserClient implements UserRecordClient {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisReactiveCommands<String, String> commands;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String sha;

    private RawLettuceUserClient(RedisClient client) {
        this.client = client;
        this.connection = client.connect();
        this.commands = connection.reactive();
        this.sha = connection.sync().scriptLoad(SameScripts.source("io.symphony.redis.ops.internal.AtomicOps",
                "HSET_PEXPIRE"));
    }

    static RawLettuceUserClient open(String host, int port) {
        return new RawLettuceUserClient(RedisClient.create(RedisURI.create(host, port)));
    }

    @Override
    public Mono<Map<String, Object>> upsertThenGet(int i, Map<String, Object> record) {
        String key = UserRecords.rawKey(i);
        return Mono.defer(() -> {
            List<String> args = new ArrayList<>(1 + 2 * record.size());
            args.add(Long.toString(UserRecords.TTL.toMillis()));
            record.forEach((field, value) -> {
                args.add(field);
                args.add(json.writeValueAsString(value));
            });
            return commands.<Long>evalsha(sha, ScriptOutputType.INTEGER, new String[] {key},
                            args.toArray(String[]::new)).then()
                    .then(commands.hgetall(key).collectMap(KeyValue::getKey, this::decode));
        });
    }

    private Object decode(KeyValue<String, String> entry) {
        Type type = UserRecords.TYPES.type(entry.getKey());
        return json.readValue(entry.getValue(), json.constructType(type == null ? Object.class : type));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(0, Teardown.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
