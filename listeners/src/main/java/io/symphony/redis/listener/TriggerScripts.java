package io.symphony.redis.listener;

import io.symphony.redis.ops.RedisScript;
import java.util.List;

/**
 * The claim protocol, each step one Lua script on the index's hash slot ({@code {EXPTRIGGER%}}): KEYS are always
 * the due-index, the in-flight set (member: trigger key, score: lease deadline), the recent-claims set (member:
 * trigger key, score: claim time; it tells a late keyspace event of an occurrence already claimed from an unindexed
 * one), the token hash (field: trigger key, value: the claim's token, the lease deadline it was first given; it
 * identifies the claim while renewals move its deadline) and the dead-letter hash. Times are the server's ({@code TIME}), so instances never compare their clocks.
 */
final class TriggerScripts {

    private static final String NOW = RedisScript.NOW_MS_FUNCTION + """
            local now = now_ms()
            """;

    /**
     * KEYS due, inflight, recent, tokens, ctx; ARGV batch, lease ms, dedup window ms, h = the number of handled
     * matchers that follow (-1: every action is handled), the h matchers ({@code :<prefix>:<escaped action>:}), then
     * the matchers of the actions the original's listeners fire. Due entries of the original's actions are removed
     * without a claim (kind 3: the original fired them on their expiry event); with h >= 0 due entries of other
     * unhandled actions are left in the index (kind 0) and up to 4 x batch due entries are looked at, so that many
     * left entries ahead of ours delay ours. Trims the recent set, re-leases up to
     * {@code batch} in-flight entries whose lease ran out (kind 2), claims up to {@code batch} due entries (kind 1:
     * ZREM from the index, ZADD in-flight with a lease, ZADD recent). Returns {now, next wake-up or -1, then
     * kind, key, due, lease, context snapshot ('' for none) per entry}.
     */
    static final RedisScript<List<Object>> SWEEP = RedisScript.returningList(NOW + """
            local batch = tonumber(ARGV[1])
            local lease = now + tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[3]))
            local out = {now, -1}
            local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES', 'LIMIT', 0, batch)
            for i = 1, #expired, 2 do
              redis.call('ZADD', KEYS[2], lease, expired[i])
              redis.call('HSET', KEYS[4], expired[i], lease)
              table.insert(out, 2)
              table.insert(out, expired[i])
              table.insert(out, now)
              table.insert(out, lease)
              table.insert(out, redis.call('HGET', KEYS[5], expired[i]) or '')
            end
            local h = tonumber(ARGV[4])
            local filtered = h >= 0
            local first_original = 5 + math.max(h, 0)
            local function matches(key, from, to)
              for m = from, to do
                if string.find(key, ARGV[m], 1, true) then return true end
              end
              return false
            end
            local function handled(key)
              return not filtered or matches(key, 5, 4 + h)
            end
            local window = batch
            if filtered or #ARGV >= first_original then window = batch * 4 end
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, window)
            local claimed = 0
            local skipped = false
            for i = 1, #due, 2 do
              if claimed >= batch then break end
              if matches(due[i], first_original, #ARGV) then
                redis.call('ZREM', KEYS[1], due[i])
                redis.call('HDEL', KEYS[5], due[i])
                table.insert(out, 3)
                table.insert(out, due[i])
                table.insert(out, math.floor(tonumber(due[i + 1])))
                table.insert(out, 0)
                table.insert(out, '')
              elseif not handled(due[i]) then
                skipped = true
                table.insert(out, 0)
                table.insert(out, due[i])
                table.insert(out, math.floor(tonumber(due[i + 1])))
                table.insert(out, 0)
                table.insert(out, '')
              else
                claimed = claimed + 1
                redis.call('ZREM', KEYS[1], due[i])
                redis.call('ZADD', KEYS[2], lease, due[i])
                redis.call('HSET', KEYS[4], due[i], lease)
                redis.call('ZADD', KEYS[3], now, due[i])
                table.insert(out, 1)
                table.insert(out, due[i])
                table.insert(out, math.floor(tonumber(due[i + 1])))
                table.insert(out, lease)
                table.insert(out, redis.call('HGET', KEYS[5], due[i]) or '')
              end
            end
            -- Entries left for another handler are due already: wake for the next one still to come instead.
            local nextDue = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            if skipped then
              nextDue = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
            end
            local nextLease = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
            local wake = -1
            if #nextDue > 0 then wake = math.floor(tonumber(nextDue[2])) end
            if #nextLease > 0 and (wake < 0 or tonumber(nextLease[2]) < wake) then
              wake = math.floor(tonumber(nextLease[2]))
            end
            out[2] = wake
            return out
            """);

    /**
     * KEYS due, inflight, recent, tokens, ctx; ARGV lease ms, 1 to claim keys without an index entry (the default
     * namespace: the original writes no index) or 0 (another namespace: an unindexed key is not its own), then the
     * keys whose keyspace events announced their expiry. Claims each occurrence that is this listener's to run and
     * returns {kind, key, due, lease, context snapshot or ''} per claim: kind 1 = claimed the indexed entry (its due
     * time passed); kind 2 = claimed a key without an index entry (written as the original does). A key is skipped
     * when it is not ours to run: already claimed (recent or in flight, also by an earlier key of the same call), or
     * the index holds a later due time (the event is a late one of an occurrence the sweeper handled, and the
     * trigger was set again since).
     */
    static final RedisScript<List<Object>> CLAIM_EVENTS = RedisScript.returningList(NOW + """
            local lease = now + tonumber(ARGV[1])
            local out = {}
            local function claim(key)
              redis.call('ZADD', KEYS[2], lease, key)
              redis.call('HSET', KEYS[4], key, lease)
              redis.call('ZADD', KEYS[3], now, key)
            end
            for i = 3, #ARGV do
              local key = ARGV[i]
              local due = redis.call('ZSCORE', KEYS[1], key)
              if due then
                if tonumber(due) <= now then
                  redis.call('ZREM', KEYS[1], key)
                  claim(key)
                  table.insert(out, 1)
                  table.insert(out, key)
                  table.insert(out, math.floor(tonumber(due)))
                  table.insert(out, lease)
                  table.insert(out, redis.call('HGET', KEYS[5], key) or '')
                end
              elseif ARGV[2] == '1' and not redis.call('ZSCORE', KEYS[3], key)
                  and not redis.call('ZSCORE', KEYS[2], key) then
                claim(key)
                table.insert(out, 2)
                table.insert(out, key)
                table.insert(out, now)
                table.insert(out, lease)
                table.insert(out, '')
              end
            end
            return out
            """);

    /** The claim check shared by ACK and DEAD_LETTER: KEYS[1] inflight, KEYS[2] tokens; ARGV[1] key, ARGV[2] token. */
    private static final String HOLDS = """
            local function holds(key, token)
              return redis.call('HGET', KEYS[2], key) == token and redis.call('ZSCORE', KEYS[1], key)
            end
            local function release(key)
              redis.call('ZREM', KEYS[1], key)
              redis.call('HDEL', KEYS[2], key)
            end
            """;

    /**
     * KEYS inflight, tokens, due, ctx; ARGV key and token pairs (one pair per handled claim). Remove each in-flight
     * entry that still belongs to its claim, and its context snapshot unless the trigger was set again meanwhile
     * (then the snapshot is the new one's). A pair whose claim is no longer held (re-delivered elsewhere, or closed
     * by an earlier attempt of this very script) is skipped, so a retried batch is harmless. Returns the number of
     * claims closed.
     */
    static final RedisScript<Long> ACK = RedisScript.returningLong(HOLDS + """
            local acked = 0
            for i = 1, #ARGV - 1, 2 do
              if holds(ARGV[i], ARGV[i + 1]) then
                release(ARGV[i])
                if not redis.call('ZSCORE', KEYS[3], ARGV[i]) then redis.call('HDEL', KEYS[4], ARGV[i]) end
                acked = acked + 1
              end
            end
            return acked
            """);

    /**
     * KEYS inflight, tokens, dead; ARGV key, token (or -1 for none), id, record JSON. Ack the claim (if it still
     * holds it) and HSET the dead letter, atomically. Returns 1 when recorded, 0 when the claim had been
     * re-delivered.
     */
    static final RedisScript<Long> DEAD_LETTER = RedisScript.returningLong(HOLDS + """
            if tonumber(ARGV[2]) >= 0 then
              if not holds(ARGV[1], ARGV[2]) then return 0 end
              release(ARGV[1])
            end
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
            return 1
            """);

    /**
     * KEYS inflight, tokens, due; ARGV key, token, due ms. Give a claim back: release it (if still held) and put
     * the key back in the due-index at its due time, unless it was set again meanwhile. Returns 1 or 0.
     */
    static final RedisScript<Long> UNCLAIM = RedisScript.returningLong(HOLDS + """
            if not holds(ARGV[1], ARGV[2]) then return 0 end
            release(ARGV[1])
            redis.call('ZADD', KEYS[3], 'NX', ARGV[3], ARGV[1])
            return 1
            """);

    /**
     * KEYS inflight, tokens; ARGV lease ms, then key and token pairs. Move the deadline of every in-flight entry
     * still held by the given token to now + lease. Returns the keys no longer held (re-delivered elsewhere or
     * closed).
     */
    static final RedisScript<List<Object>> RENEW = RedisScript.returningList(NOW + HOLDS + """
            local lease = now + tonumber(ARGV[1])
            local lost = {}
            for i = 2, #ARGV - 1, 2 do
              if holds(ARGV[i], ARGV[i + 1]) then
                redis.call('ZADD', KEYS[1], 'XX', lease, ARGV[i])
              else
                table.insert(lost, ARGV[i])
              end
            end
            return lost
            """);

    /** KEYS dead, due; ARGV id. HDEL the dead letter and put its key back in the index, due now. 1 or 0. */
    static final RedisScript<Long> REPLAY = RedisScript.returningLong(NOW + """
            local record = redis.call('HGET', KEYS[1], ARGV[1])
            if not record then return 0 end
            local key = cjson.decode(record)['key']
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[2], now, key)
            return 1
            """);

    /** KEYS due. ZCARD: how many triggers are waiting in the index. */
    static final RedisScript<Long> COUNT = RedisScript.returningLong("return redis.call('ZCARD', KEYS[1])");

    private TriggerScripts() {
    }
}
