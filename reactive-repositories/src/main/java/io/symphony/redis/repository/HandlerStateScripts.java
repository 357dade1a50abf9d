package io.symphony.redis.repository;

import io.symphony.redis.ops.RedisScript;

/**
 * The Lua script behind {@link RedisStateHandler#updateField(String, String, Object)}, kept apart from
 * {@link HashScripts} because only the handler state writes a field without renewing the TTL.
 */
final class HandlerStateScripts {

    /**
     * Set one field, keeping the key's TTL if it has one and giving it {@code ARGV[3]} ms if it has none, in one
     * step, so no write creates a hash that never expires (the original's plain {@code HSET} did).
     * KEYS[1] hash; ARGV[1] field, ARGV[2] encoded value, ARGV[3] default TTL in ms. Returns 1 when the TTL was set
     * (a new key, or an existing key that had none), 0 when the existing TTL was kept. A {@code WRONGTYPE} error
     * from {@code HSET} aborts the script before anything is written.
     */
    static final RedisScript<Long> SET_FIELD_KEEPING_TTL = RedisScript.returningLong("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            if redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              return 1
            end
            return 0
            """);

    private HandlerStateScripts() {
    }
}
