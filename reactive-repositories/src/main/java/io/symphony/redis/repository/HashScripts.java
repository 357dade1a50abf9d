package io.symphony.redis.repository;

import io.symphony.redis.ops.RedisScript;
import java.util.List;

/**
 * Read-modify-write steps of the hash-backed repositories, each one Lua script, so they run atomically on the
 * server in one round trip (the original does them client-side and loses updates).
 */
final class HashScripts {

    /**
     * Append one JSON element to the JSON array stored in a hash field, then renew the key's TTL.
     * KEYS[1] hash; ARGV[1] field, ARGV[2] element JSON, ARGV[3] TTL in ms. Returns 1 when appended to an existing
     * array, 0 when the field was missing or held something else, text that only looks like an array included
     * (replaced by a new one-element array, as the original does). The array text is spliced, so the stored
     * spacing stays the original's {@code ", "}.
     */
    static final RedisScript<Long> APPEND_TO_LIST = RedisScript.returningLong("""
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            local body = current and string.match(current, '^%s*%[(.*)%]%s*$') or nil
            if body and not pcall(cjson.decode, current) then body = nil end
            local appended = 0
            local value
            if not body or string.match(body, '^%s*$') then
              value = '[' .. ARGV[2] .. ']'
              if body then appended = 1 end
            else
              value = '[' .. body .. ', ' .. ARGV[2] .. ']'
              appended = 1
            end
            redis.call('HSET', KEYS[1], ARGV[1], value)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return appended
            """);

    /**
     * Set fields, renew the TTL and return the whole hash, in one step.
     * KEYS[1] hash; ARGV[1] TTL in ms, then field/value pairs. Returns HGETALL as a flat list.
     */
    static final RedisScript<List<Object>> MERGE = RedisScript.returningList("""
            for i = 2, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return redis.call('HGETALL', KEYS[1])
            """);

    private HashScripts() {
    }
}
