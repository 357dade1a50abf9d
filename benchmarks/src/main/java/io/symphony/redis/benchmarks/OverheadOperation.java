package io.symphony.redis.benchmarks;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.repository.RedisGeneric;
import io.symphony.redis.repository.RedisStateHandler;
import io.symphony.redis.repository.RedisTable;
import io.symphony.redis.repository.RedisUser;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
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
            return i -> Mono.defer(() -> {
                RedisUser user = new RedisUser(f.support, UserRecords.TENANT, UserRecords.userId(i));
                return user.upsert(record, UserRecords.TTL).then(user.get(UserRecords.TYPES));
            });
        }

        @Override
        IntFunction<Mono<?>> raw(Fixture f) {
            Map<String, Object> record = UserRecords.record();
            String sha = f.load(PoolAliases.USER, "io.symphony.redis.ops.internal.AtomicOps", "HSET_PEXPIRE");
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

    /** Merge fields into a handler's state, renew the TTL and read the whole state back (one Lua step). */
    MERGE {
        @Override
        IntFunction<Mono<?>> symphony(Fixture f) {
            Map<String, Object> delta = Map.of("score", 99.5, "active", Boolean.FALSE);
            return i -> Mono.defer(() -> new RedisStateHandler(f.support, UserRecords.TENANT, UserRecords.userId(i))
                    .merge("checkout", delta, UserRecords.TTL, UserRecords.TYPES));
        }

        @Override
        IntFunction<Mono<?>> raw(Fixture f) {
            String sha = f.load(PoolAliases.HANDLERS, "io.symphony.redis.repository.HashScripts", "MERGE");
            RedisClusterReactiveCommands<String, String> c = f.raw(PoolAliases.HANDLERS);
            Map<String, Object> delta = Map.of("score", 99.5, "active", Boolean.FALSE);
            return i -> {
                String key = "bench:state:checkout:" + UserRecords.userId(i);
                return Mono.defer(() -> {
                    List<String> args = new ArrayList<>(9);
                    args.add(Long.toString(UserRecords.TTL.toMillis()));
                    delta.forEach((field, value) -> {
                        args.add(field);
                        args.add(f.json.writeValueAsString(value));
                    });
                    args.add("handler_type");
                    args.add("\"checkout\"");
                    args.add("timestamp");
                    args.add(f.json.writeValueAsString(Instant.now().toString()));
                    return c.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, new String[] {key},
                            args.toArray(String[]::new)).next().map(f::decodePairs);
                });
            };
        }
    },

    /** Append one element to a JSON list field on the server and renew the TTL (one Lua step). */
    APPEND_TO_LIST {
        @Override
        IntFunction<Mono<?>> symphony(Fixture f) {
            return i -> Mono.defer(() -> new RedisUser(f.support, UserRecords.TENANT, UserRecords.userId(i))
                    .appendToList("events", "login", UserRecords.TTL));
        }

        @Override
        IntFunction<Mono<?>> raw(Fixture f) {
            String sha = f.load(PoolAliases.USER, "io.symphony.redis.repository.HashScripts", "APPEND_TO_LIST");
            RedisClusterReactiveCommands<String, String> c = f.raw(PoolAliases.USER);
            String ttl = Long.toString(UserRecords.TTL.toMillis());
            return i -> Mono.defer(() -> c.<Long>evalsha(sha, ScriptOutputType.INTEGER,
                    new String[] {UserRecords.rawKey(i)}, "events", f.json.writeValueAsString("login"), ttl).next());
        }
    },

    /** Add to a counter field and renew the TTL (one Lua step). */
    INCREMENT_FIELD {
        @Override
        IntFunction<Mono<?>> symphony(Fixture f) {
            return i -> Mono.defer(() -> new RedisUser(f.support, UserRecords.TENANT, UserRecords.userId(i))
                    .incrementField("visits", 1, UserRecords.TTL));
        }

        @Override
        IntFunction<Mono<?>> raw(Fixture f) {
            String sha = f.load(PoolAliases.USER, "io.symphony.redis.ops.internal.AtomicOps", "HINCRBY_PEXPIRE");
            RedisClusterReactiveCommands<String, String> c = f.raw(PoolAliases.USER);
            String ttl = Long.toString(UserRecords.TTL.toMillis());
            return i -> c.<Long>evalsha(sha, ScriptOutputType.INTEGER, new String[] {UserRecords.rawKey(i)},
                    "visits", "1", ttl).next();
        }
    },

    /** Read one table row typed (HGETALL); the rows are written once at setup. */
    TABLE_GET {
        @Override
        IntFunction<Mono<?>> symphony(Fixture f) {
            RedisTable table = new RedisTable(f.support, UserRecords.TENANT);
            Map<String, Object> record = UserRecords.record();
            Flux.range(0, UserRecords.USERS)
                    .flatMap(i -> table.upsert("people", UserRecords.userId(i), record, UserRecords.TTL), 64)
                    .blockLast(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
            return i -> Mono.defer(() -> table.get("people", UserRecords.userId(i), UserRecords.TYPES));
        }

        @Override
        IntFunction<Mono<?>> raw(Fixture f) {
            RedisClusterReactiveCommands<String, String> c = f.raw(PoolAliases.HANDLERS);
            Map<String, String> encoded = new HashMap<>();
            UserRecords.record().forEach((field, value) -> encoded.put(field, f.json.writeValueAsString(value)));
            Flux.range(0, UserRecords.USERS)
                    .flatMap(i -> c.hset("bench:table:people:" + UserRecords.userId(i), encoded), 64)
                    .blockLast(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
            return i -> Mono.defer(() -> c.hgetall("bench:table:people:" + UserRecords.userId(i))
                    .collectMap(KeyValue::getKey, f::decodeTyped));
        }
    },

    /** Store a small JSON document under a plain key with a TTL (SET PX), then read it back typed (GET). */
    GENERIC_SET_GET {
        @Override
        IntFunction<Mono<?>> symphony(Fixture f) {
            Map<String, Object> value = Fixture.document();
            RedisGeneric generic = new RedisGeneric(f.support, UserRecords.TENANT);
            return i -> Mono.defer(() -> {
                String keyBase = UserRecords.userId(i);
                return generic.set(keyBase, value, UserRecords.TTL).then(generic.get(keyBase, Map.class));
            });
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
        final RepositorySupport support;
        final JsonMapper json = JsonMapper.builder().build();

        Fixture(SymphonyRuntime runtime) {
            this.runtime = runtime;
            this.support = RepositorySupport.of(runtime.ops(), runtime.codec(), runtime.keys());
        }

        static Map<String, Object> document() {
            return Map.of("city", "Lyon", "zip", 69001L, "tags", List.of("old town", "river"));
        }

        /** The very commands object the toolkit uses for {@code alias} (shared strategy). */
        RedisClusterReactiveCommands<String, String> raw(String alias) {
            return runtime.connections().withCommands(alias, Mono::just).block(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
        }

        /** Load one of the toolkit's scripts on {@code alias} and return its SHA-1. */
        String load(String alias, String className, String field) {
            return raw(alias).scriptLoad(SameScripts.source(className, field)).block(); // allowed-blocking: JMH harness: a benchmark method measures until the work is done
        }

        Map<String, Object> decodePairs(List<Object> flat) {
            Map<String, Object> decoded = new HashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                String field = String.valueOf(flat.get(i));
                decoded.put(field, decodeTyped(KeyValue.just(field, String.valueOf(flat.get(i + 1)))));
            }
            return decoded;
        }

        Object decodeTyped(KeyValue<String, String> entry) {
            java.lang.reflect.Type type = UserRecords.TYPES.type(entry.getKey());
            return json.readValue(entry.getValue(), json.constructType(type == null ? Object.class : type));
        }
    }
}
