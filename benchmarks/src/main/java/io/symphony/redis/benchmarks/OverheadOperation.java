package io.symphony.redis.benchmarks;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations of the overhead benchmark, each with the toolkit's implementation and a raw-Lettuce twin that
 * sends the same Redis commands on the same connection and uses plain Jackson for values.
 */
public enum OverheadOperation {

    /** Write a 5-field user record with a TTL (one Lua step), then read it back typed (HGETALL). */
    UPSERT_GET {
        @Override
        IntFunction<Mono<?>> symphony(Fixture f) {
            Map<String, Object> record = UserRecords.record();
            return i -> {
                String key = f.userKey(i);
                return Mono.defer(() -> f.runtime.ops()
                        .hsetWithExpire(key, f.runtime.codec().encodeHash(record), UserRecords.TTL, PoolAliases.USER)
                        .then(f.runtime.ops().hgetall(key, PoolAliases.USER))
                        .map(raw -> f.runtime.codec().decodeHash(key, raw, UserRecords.TYPES)));
            };
        }

        @Override
        IntFunction<Mono<?>> raw(Fixture f) {
            Map<String, Object> record = UserRecords.record();
            String sha = f.load(PoolAliases.USER, "io.symphony.redis.ops.AtomicOps", "HSET_PEXPIRE");
            RedisClusterReactiveCommands<String, String> c = f.raw(PoolAliases.USER);
            return i -> {
                String key = UserRecords.rawKey(i);
                return Mono.defer(() -> {
                    List<String> args = new ArrayList<>(11);
                    args.add(Long.toString(UserRecords.TTL.toMillis()));
                    record.forEach((field, value) -> {
                        args.add(field);
                        args.add(f.json.writeValueAsString(value));
                    });
                    return c.<Long>evalsha(sha, ScriptOutputType.INTEGER, new String[] {key},
                                    args.toArray(String[]::new)).then()
                            .then(c.hgetall(key).collectMap(KeyValue::getKey, f::decodeTyped));
                });
            };
        }
    },

    /** Add to a counter field and renew the TTL (one Lua step). */
    INCREMENT_FIELD {
        @Override
        IntFunction<Mono<?>> symphony(Fixture f) {
            return i -> f.runtime.ops().hincrbyWithExpire(f.userKey(i), "visits", 1, UserRecords.TTL,
                    PoolAliases.USER);
        }

        @Override
        IntFunction<Mono<?>> raw(Fixture f) {
            String sha = f.load(PoolAliases.USER, "io.symphony.redis.ops.AtomicOps", "HINCRBY_PEXPIRE");
            RedisClusterReactiveCommands<String, String> c = f.raw(PoolAliases.USER);
            String ttl = Long.toString(UserRecords.TTL.toMillis());
            return i -> c.<Long>evalsha(sha, ScriptOutputType.INTEGER, new String[] {UserRecords.rawKey(i)},
                    "visits", "1", ttl).next();
        }
    },

    /** Store a small JSON document under a plain key with a TTL (SET PX), then read it back typed (GET). */
    GENERIC_SET_GET {
        @Override
        IntFunction<Mono<?>> symphony(Fixture f) {
            Map<String, Object> value = Fixture.document();
            return i -> {
                String key = f.keys().genericKey(UserRecords.TENANT, UserRecords.userId(i));
                return Mono.defer(() -> f.runtime.ops()
                        .set(key, f.runtime.codec().encode(value), UserRecords.TTL, PoolAliases.DEFAULT)
                        .then(f.runtime.ops().get(key, PoolAliases.DEFAULT))
                        .map(raw -> f.runtime.codec().decode(raw, Map.class)));
            };
        }

        @Override
        IntFunction<Mono<?>> raw(Fixture f) {
            Map<String, Object> value = Fixture.document();
            RedisClusterReactiveCommands<String, String> c = f.raw(PoolAliases.DEFAULT);
            SetArgs ttl = SetArgs.Builder.px(UserRecords.TTL.toMillis());
            return i -> {
                String key = "bench:doc:" + UserRecords.userId(i);
                return Mono.defer(() -> c.set(key, f.json.writeValueAsString(value), ttl)
                        .then(c.get(key))
                        .map(raw -> f.json.readValue(raw, Map.class)));
            };
        }
    };

    /** The toolkit's implementation. */
    abstract IntFunction<Mono<?>> symphony(Fixture fixture);

    /** The raw-Lettuce twin. */
    abstract IntFunction<Mono<?>> raw(Fixture fixture);

    /** What both sides share: the runtime, its connections' raw commands, plain Jackson. */
    static final class Fixture {

        final SymphonyRuntime runtime;
        final JsonMapper json = JsonMapper.builder().build();

        Fixture(SymphonyRuntime runtime) {
            this.runtime = runtime;
        }

        static Map<String, Object> document() {
            return Map.of("city", "Lyon", "zip", 69001L, "tags", List.of("old town", "river"));
        }

        KeyFactory keys() {
            return runtime.keys();
        }

        String userKey(int i) {
            return runtime.keys().userKey(UserRecords.TENANT, UserRecords.userId(i));
        }

        /** The very commands object the toolkit uses for {@code alias} (shared strategy). */
        RedisClusterReactiveCommands<String, String> raw(String alias) {
            return runtime.connections().withCommands(alias, Mono::just).block();
        }

        /** Load one of the toolkit's scripts on {@code alias} and return its SHA-1. */
        String load(String alias, String className, String field) {
            return raw(alias).scriptLoad(SameScripts.source(className, field)).block();
        }

        Object decodeTyped(KeyValue<String, String> entry) {
            java.lang.reflect.Type type = UserRecords.TYPES.type(entry.getKey());
            return json.readValue(entry.getValue(), json.constructType(type == null ? Object.class : type));
        }
    }
}
