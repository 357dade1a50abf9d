package io.symphony.redis.ops.internal;

import io.symphony.redis.ops.PushAndAddResult;
import io.symphony.redis.ops.RedisScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Combined operations, each one Lua script so it runs atomically on the server and stops at the first failing
 * command (nothing after it runs, unlike {@code MULTI}).
 *
 * <p>Arguments are unpacked in chunks of 1,000 because Lua's {@code unpack} fails beyond about 8,000 values.
 */
final class AtomicOps {

    static final RedisScript<Long> HSET_PEXPIRE = RedisScript.returningLong("""
            local added = 0
            for i = 2, #ARGV, 1000 do
              added = added + redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return added
            """);

    static final RedisScript<Long> HINCRBY_PEXPIRE = RedisScript.returningLong("""
            local value = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return value
            """);

    static final RedisScript<List<Object>> RPUSH_SADD = RedisScript.returningList("""
            local last = tonumber(ARGV[1]) + 1
            local length = 0
            for i = 2, last, 1000 do
              length = redis.call('RPUSH', KEYS[1], unpack(ARGV, i, math.min(i + 999, last)))
            end
            local added = 0
            for i = last + 1, #ARGV, 1000 do
              added = added + redis.call('SADD', KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
            end
            return {length, added}
            """);

    private final ScriptOps scripts;
    private final LastTtl<String> ttlText = new LastTtl<>(Long::toString);

    AtomicOps(ScriptOps scripts) {
        this.scripts = scripts;
    }

    Mono<Long> hsetWithExpire(String key, Map<String, String> fields, Duration ttl) {
        Args.key(key);
        Args.nonEmpty(fields, "fields");
        String[] args = new String[1 + 2 * fields.size()];
        args[0] = ttlText.of(Args.ttlMillis(ttl));
        int i = 1;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            args[i++] = field.getKey();
            args[i++] = field.getValue();
        }
        return run(HSET_PEXPIRE, "HSET+PEXPIRE", new String[] {key}, args);
    }

    Mono<Long> hincrbyWithExpire(String key, String field, long amount, Duration ttl) {
        Args.key(key);
        Args.notNull(field, "field");
        String[] args = {field, Args.decimal(amount), ttlText.of(Args.ttlMillis(ttl))};
        return run(HINCRBY_PEXPIRE, "HINCRBY+PEXPIRE", new String[] {key}, args);
    }

    Mono<PushAndAddResult> rpushAndSadd(String listKey, Collection<String> values, String setKey,
            Collection<String> members) {
        Args.notNull(listKey, "listKey");
        Args.notNull(setKey, "setKey");
        String[] valueArray = Args.nonEmpty(values, "values");
        String[] memberArray = Args.nonEmpty(members, "members");
        List<String> args = new ArrayList<>(1 + valueArray.length + memberArray.length);
        args.add(Integer.toString(valueArray.length));
        args.addAll(List.of(valueArray));
        args.addAll(List.of(memberArray));
        return run(RPUSH_SADD, "RPUSH+SADD", new String[] {listKey, setKey}, args.toArray(String[]::new))
                .map(reply -> new PushAndAddResult((Long) reply.get(0), (Long) reply.get(1)));
    }

    private <T> Mono<T> run(RedisScript<T> script, String command, String[] keys, String[] args) {
        return scripts.eval(script, keys, args, command, keys[0]);
    }
}
