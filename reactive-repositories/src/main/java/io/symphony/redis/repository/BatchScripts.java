package io.symphony.redis.repository;

import io.symphony.redis.ops.RedisScript;
import java.util.List;

/**
 * The Lua scripts of {@link RedisBatch}, each one atomic step on the server.
 *
 * <p>Key layout ({@link BatchKeys}): {@code KEYS[1]} the batch list, {@code KEYS[2]} the in-flight hash (claim id to
 * {@code {"consumer": ..., "seq": n, "items": [raw, ...]}}, plus the field {@code #seq}, the claim counter, which no
 * claim id (a UUID) can equal), {@code KEYS[3]} the claims sorted set (claim id scored by its deadline in ms of
 * server time). A list is busy while it holds items or the claims set holds a claim; the in-flight hash is deleted
 * when the last claim goes. These three share one Cluster slot. On a single node the scripts also get
 * {@code KEYS[4]} the tenant's active-lists set of the service and {@code KEYS[5]} the global pending set, and then
 * maintain both in the same step; with only three keys (Cluster) they report what the caller has to do in follow-up
 * steps ({@link BatchTopology#CLUSTER}).
 *
 * <p>Deadlines use the server's clock ({@code TIME}), so consumers with skewed clocks agree on expiry.
 */
final class BatchScripts {

    /**
     * Shared functions. {@code mark} adds a member and extends (never shortens) the key's TTL to {@code ttl} ms;
     * {@code requeue} moves the items of every claim whose deadline passed back to the head of the list in their
     * original order (ordered by claim sequence, so the earliest claim's items end up first, whatever the
     * deadlines) and renews the list's TTL; {@code tidy} deletes the in-flight hash (and its counter) once no claim
     * is left; {@code settle} reports whether the list is drained (no items, no claims) and, on a single node, removes
     * the list from the active set and the tenant from the pending set when no active list remains.
     */
    private static final String MARK_FUNCTION = """
            local function mark(key, member, ttl)
              redis.call('SADD', key, member)
              if redis.call('PTTL', key) < ttl then
                redis.call('PEXPIRE', key, ttl)
              end
            end
            local function mark_global(key, member)
              redis.call('SADD', key, member)
              redis.call('PERSIST', key)
            end
            """;

    private static final String LIBRARY = RedisScript.NOW_MS_FUNCTION + MARK_FUNCTION + """
            local function mark_pending(member, tenant, ttl)
              if #KEYS >= 5 then
                mark(KEYS[4], member, ttl)
                mark_global(KEYS[5], tenant)
              end
            end
            local function tidy()
              if redis.call('ZCARD', KEYS[3]) == 0 then
                redis.call('DEL', KEYS[2])
              end
            end
            local function requeue(now, list_ttl)
              local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
              if #expired == 0 then
                return 0
              end
              local claims = {}
              for i = 1, #expired do
                local body = redis.call('HGET', KEYS[2], expired[i])
                if body then
                  claims[#claims + 1] = cjson.decode(body)
                end
                redis.call('HDEL', KEYS[2], expired[i])
                redis.call('ZREM', KEYS[3], expired[i])
              end
              table.sort(claims, function(a, b) return a.seq < b.seq end)
              local moved = 0
              for i = #claims, 1, -1 do
                local items = claims[i].items
                for j = #items, 1, -1 do
                  redis.call('LPUSH', KEYS[1], items[j])
                end
                moved = moved + #items
              end
              if moved > 0 then
                redis.call('PEXPIRE', KEYS[1], list_ttl)
              end
              tidy()
              return moved
            end
            local function settle(member, tenant)
              if redis.call('LLEN', KEYS[1]) > 0 or redis.call('ZCARD', KEYS[3]) > 0 then
                return 0
              end
              if #KEYS >= 5 then
                redis.call('SREM', KEYS[4], member)
                if redis.call('SCARD', KEYS[4]) == 0 then
                  redis.call('SREM', KEYS[5], tenant)
                end
              end
              return 1
            end
            """;

    /**
     * Append one item and mark the list and tenant as pending. KEYS list, active set, pending set (or only the list
     * on Cluster); ARGV[1] TTL ms, ARGV[2] list member, ARGV[3] tenant, ARGV[4] the encoded item. The list's TTL is
     * set to the TTL, the active set's TTL is extended to it; the global pending set gets a plain SADD and no TTL
     * (the original's producers write it the same way and never expire it: a TTL would drop their tenants with it),
     * and a TTL an earlier version of this library gave it is removed (PERSIST). Returns the list's new length.
     */
    static final RedisScript<Long> ENQUEUE = RedisScript.returningLong(MARK_FUNCTION + """
            local ttl = tonumber(ARGV[1])
            local length = redis.call('RPUSH', KEYS[1], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ttl)
            if #KEYS >= 3 then
              mark(KEYS[2], ARGV[2], ttl)
              mark_global(KEYS[3], ARGV[3])
            end
            return length
            """);

    /**
     * Requeue expired claims, then move up to N items from the head of the list into a new claim.
     * ARGV[1] claim id, ARGV[2] consumer id, ARGV[3] max items, ARGV[4] visibility ms, ARGV[5] list TTL ms,
     * ARGV[6] processing-keys TTL ms, ARGV[7] list member, ARGV[8] tenant.
     * Returns {requeued, drained (0/1), deadline ms (0 when nothing was claimed), item, item, ...}.
     */
    static final RedisScript<List<Object>> CLAIM = RedisScript.returningList(LIBRARY + """
            local now = now_ms()
            local list_ttl = tonumber(ARGV[5])
            local requeued = requeue(now, list_ttl)
            local items = redis.call('LPOP', KEYS[1], tonumber(ARGV[3]))
            if not items then
              return {requeued, settle(ARGV[7], ARGV[8]), 0}
            end
            local deadline = now + tonumber(ARGV[4])
            local seq = redis.call('HINCRBY', KEYS[2], '#seq', 1)
            redis.call('HSET', KEYS[2], ARGV[1], cjson.encode({consumer = ARGV[2], seq = seq, items = items}))
            redis.call('ZADD', KEYS[3], deadline, ARGV[1])
            redis.call('PEXPIRE', KEYS[2], ARGV[6])
            redis.call('PEXPIRE', KEYS[3], ARGV[6])
            mark_pending(ARGV[7], ARGV[8], list_ttl)
            local reply = {requeued, 0, deadline}
            for i = 1, #items do
              reply[i + 3] = items[i]
            end
            return reply
            """);

    /**
     * Delete a claim if it is still registered, then settle the list. ARGV[1] claim id, ARGV[2] list member,
     * ARGV[3] tenant. Returns {acknowledged (0/1), drained (0/1)}.
     */
    static final RedisScript<List<Object>> ACK = RedisScript.returningList(LIBRARY + """
            if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then
              return {0, 0}
            end
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            tidy()
            return {1, settle(ARGV[2], ARGV[3])}
            """);

    /**
     * Move the items of expired claims back to the head of the list. ARGV[1] list TTL ms, ARGV[2] list member,
     * ARGV[3] tenant. Returns {items moved}.
     */
    static final RedisScript<List<Object>> REQUEUE = RedisScript.returningList(LIBRARY + """
            local ttl = tonumber(ARGV[1])
            local moved = requeue(now_ms(), ttl)
            if moved > 0 then
              mark_pending(ARGV[2], ARGV[3], ttl)
            end
            return {moved}
            """);

    /**
     * Cluster follow-up: SADD a member and extend the set's TTL. KEYS[1] set; ARGV[1] member, ARGV[2] TTL ms, or 0
     * for the global pending set: no TTL, and PERSIST (see {@link #ENQUEUE}).
     */
    static final RedisScript<Long> MARK = RedisScript.returningLong("""
            local added = redis.call('SADD', KEYS[1], ARGV[1])
            if ARGV[2] == '0' then
              redis.call('PERSIST', KEYS[1])
            elseif redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return added
            """);

    /** Cluster follow-up: SREM a member and return how many remain. KEYS[1] set; ARGV[1] member. */
    static final RedisScript<Long> UNMARK = RedisScript.returningLong("""
            redis.call('SREM', KEYS[1], ARGV[1])
            return redis.call('SCARD', KEYS[1])
            """);

    /** Cluster follow-up: SCARD. KEYS[1] set. */
    static final RedisScript<Long> CARDINALITY = RedisScript.returningLong("""
            return redis.call('SCARD', KEYS[1])
            """);

    /** Cluster follow-up: items waiting plus claims in flight. KEYS[1] list, KEYS[2] claims set. */
    static final RedisScript<Long> BUSY = RedisScript.returningLong("""
            return redis.call('LLEN', KEYS[1]) + redis.call('ZCARD', KEYS[2])
            """);

    private BatchScripts() {
    }
}
