package io.symphony.redis.repository;

import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.ops.RedisScript;
import io.symphony.redis.repository.internal.TriggerContextCodec;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Expiry triggers of one tenant (the original's {@code RedisTrigger}), made durable: each trigger is the original's
 * TTL key {@code {tenant}:EXPTRIGGER:{action}:{identifier}} with the value {@code trigger:<naive UTC isoformat>}
 * (so the original's Python listener still sees its expiry event) <em>and</em> an entry in the due-index, a sorted
 * set whose score is the due time in epoch milliseconds of the server's clock and whose member is the trigger key.
 * The listener module claims entries from that index, so a trigger is not lost when no keyspace event arrives.
 *
 * <p>The index and its companions are global (all tenants of the expiry DB) and share the hash tag
 * {@code {EXPTRIGGER%}} (with the key factory's trigger prefix), so every index script runs on one Cluster slot;
 * the {@code %} cannot occur in an escaped tenant, so no tenant key can collide with them.
 *
 * <p>Layouts: {@link #standalone} runs the key write and the index write in one Lua script (atomic, one round
 * trip), which needs both keys on one server: standalone Redis or Sentinel. {@link #cluster} runs them as two
 * commands on their two slots (the trigger key hashes to its own slot, the index to {@code {EXPTRIGGER%}}'s), in
 * the order that makes a failure between them safe:
 * <ul>
 * <li>{@link #set} writes the index entry first, then the key. If the key write fails (or the process dies in
 * between), the trigger is indexed without its key: the listener's sweeper still claims it from the index when it
 * comes due, so it fires. The other order would leave a key without an index entry, which only fires if its
 * keyspace event is heard, and those events are lost on every reconnect.</li>
 * <li>{@link #delete} removes the index entry first, then the key. If the key delete fails, the trigger can only
 * fire through its keyspace event (the less reliable path, for a trigger the caller wanted cancelled); the other
 * order would leave an index entry that the sweeper fires for certain.</li>
 * </ul>
 * Either way the failure reaches the caller as an error, and repeating the call completes it (both steps are
 * idempotent). The index entry's due time is the index node's clock plus the TTL, taken one command before the key's
 * expiry starts: the sweeper may claim a trigger up to that gap (plus the clock difference of the two nodes) before
 * its key expires; the late keyspace event is then recognised as already claimed.
 *
 * <p>Every method is cold; argument errors are thrown at call time; Redis failures arrive as
 * {@link io.symphony.redis.RedisCommandException}.
 *
 * @since 0.1
 */
public final class RedisTrigger {

    /** The suffix that makes the index hash tag impossible to build from an escaped tenant. */
    private static final String INDEX_TAG_SUFFIX = "%";

    /** Lua: HSET the context snapshot of ARGV[n] into hash KEYS[k] under member m, or HDEL it when ''. */
    private static final String CONTEXT = """
            local function context(hash, member, snapshot)
              if snapshot == '' then redis.call('HDEL', hash, member)
              else redis.call('HSET', hash, member, snapshot) end
            end
            local function trim(index, hash, before)
              local stale = redis.call('ZRANGEBYSCORE', index, '-inf', before, 'LIMIT', 0, 100)
              for i = 1, #stale do
                redis.call('ZREM', index, stale[i])
                redis.call('HDEL', hash, stale[i])
              end
            end
            """;

    /**
     * KEYS[1] trigger key, KEYS[2] due index, KEYS[3] context hash; ARGV[1] value, ARGV[2] TTL ms, ARGV[3] context
     * snapshot ('' for none), ARGV[4] index horizon ms. SET PX, then ZADD with the due time computed from the
     * server's TIME, so the index and the key's expiry agree to the millisecond, then the snapshot (HSET, or HDEL of
     * an older one), then drop up to 100 entries that came due more than the horizon ago and were never claimed. SET goes first
     * because it is the step that can fail on its arguments (a TTL Redis refuses), and a script stops at its first
     * error without undoing what it wrote: this way a failing SET leaves nothing behind.
     */
    static final RedisScript<Long> SET = RedisScript.returningLong(RedisScript.NOW_MS_FUNCTION + CONTEXT + """
            local now = now_ms()
            local due = now + tonumber(ARGV[2])
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('ZADD', KEYS[2], due, KEYS[1])
            context(KEYS[3], KEYS[1], ARGV[3])
            trim(KEYS[2], KEYS[3], now - tonumber(ARGV[4]))
            return due
            """);

    /**
     * KEYS[1] due index, KEYS[2] context hash; ARGV[1] member, ARGV[2] TTL ms, ARGV[3] context snapshot, ARGV[4]
     * index horizon ms. ZADD at server TIME + TTL, the snapshot and the trim of {@link #SET} (the Cluster layout's first step, before the key's SET PX; both keys are in
     * the namespace's slot).
     */
    static final RedisScript<Long> INDEX = RedisScript.returningLong(RedisScript.NOW_MS_FUNCTION + CONTEXT + """
            local now = now_ms()
            local due = now + tonumber(ARGV[2])
            redis.call('ZADD', KEYS[1], due, ARGV[1])
            context(KEYS[2], ARGV[1], ARGV[3])
            trim(KEYS[1], KEYS[2], now - tonumber(ARGV[4]))
            return due
            """);

    /** KEYS[1] due index, KEYS[2] context hash; ARGV trigger keys. ZREM and HDEL them (Cluster layout's first step). */
    static final RedisScript<Long> UNINDEX = RedisScript.returningLong("""
            redis.call('HDEL', KEYS[2], unpack(ARGV))
            return redis.call('ZREM', KEYS[1], unpack(ARGV))
            """);

    /**
     * KEYS[1..n-2] trigger keys, KEYS[n-1] due index, KEYS[n] context hash. ZREM the keys, HDEL their context, then
     * DEL them; returns the DEL count. The ZREMs go first because only they can fail ({@code WRONGTYPE} on the
     * index), and a script stops at its first error without undoing what it wrote: this way a failing index leaves
     * every key untouched.
     */
    static final RedisScript<Long> DELETE = RedisScript.returningLong("""
            local index = KEYS[#KEYS - 1]
            for i = 1, #KEYS - 2 do
              redis.call('ZREM', index, KEYS[i])
            end
            for i = 1, #KEYS - 2 do
              redis.call('HDEL', KEYS[#KEYS], KEYS[i])
            end
            local deleted = 0
            for i = 1, #KEYS - 2 do
              deleted = deleted + redis.call('DEL', KEYS[i])
            end
            return deleted
            """);

    /** The namespace of services that set none: its keys are the ones every earlier version wrote. */
    public static final String DEFAULT_NAMESPACE = "";

    /**
     * Default index horizon: 7 days. An index entry that came due longer ago and was never claimed is dropped by
     * the next {@link #set} of its namespace, unfired (see {@link #withIndexHorizon}).
     */
    public static final Duration DEFAULT_INDEX_HORIZON = Duration.ofDays(7);

    private final RepositorySupport support;
    private final String tenant;
    private final String pool;
    private final boolean cluster;
    private final String namespace;
    private final List<TriggerContextPropagator> propagators;
    private final Duration horizon;

    private RedisTrigger(RepositorySupport support, String tenant, String pool, boolean cluster, String namespace) {
        this(support, tenant, pool, cluster, namespace, List.of(), DEFAULT_INDEX_HORIZON);
    }

    private RedisTrigger(RepositorySupport support, String tenant, String pool, boolean cluster, String namespace,
            List<TriggerContextPropagator> propagators, Duration horizon) {
        this.support = Objects.requireNonNull(support, "support");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.cluster = cluster;
        this.namespace = requireNamespace(namespace);
        this.propagators = List.copyOf(propagators);
        this.horizon = horizon;
        KeyFactory.escape(tenant);
    }

    /**
     * Create the triggers of {@code tenant} on the {@code expiry} pool, writing key and index in one script.
     *
     * @throws IllegalArgumentException if the tenant is empty or holds characters no key may contain
     */
    public RedisTrigger(RepositorySupport support, String tenant) {
        this(support, tenant, PoolAliases.EXPIRY, false, DEFAULT_NAMESPACE);
    }

    /** Same as the constructor: the one-script layout for standalone Redis or Sentinel. */
    public static RedisTrigger standalone(RepositorySupport support, String tenant) {
        return new RedisTrigger(support, tenant);
    }

    /**
     * Create the triggers of {@code tenant} for Redis Cluster: key and index are written by two commands, the index
     * entry written first by {@link #set} and removed first by {@link #delete} (see the class documentation for why).
     */
    public static RedisTrigger cluster(RepositorySupport support, String tenant) {
        return new RedisTrigger(support, tenant, PoolAliases.EXPIRY, true, DEFAULT_NAMESPACE);
    }

    /** Return a copy whose commands run on another pool alias. */
    public RedisTrigger onPool(String alias) {
        return new RedisTrigger(support, tenant, alias, cluster, namespace, propagators, horizon);
    }

    /**
     * Return a copy whose {@link #set} also carries the values these propagators capture from the subscriber's
     * context (the tenant scope and the bound shared state are always carried).
     *
     * @throws IllegalArgumentException if more than {@value TriggerContextPropagator#MAX_PROPAGATORS}
     */
    public RedisTrigger withContextPropagators(List<TriggerContextPropagator> chosen) {
        Objects.requireNonNull(chosen, "propagators");
        if (chosen.size() > TriggerContextPropagator.MAX_PROPAGATORS) {
            throw new IllegalArgumentException("at most " + TriggerContextPropagator.MAX_PROPAGATORS
                    + " trigger context propagators, were " + chosen.size());
        }
        return new RedisTrigger(support, tenant, pool, cluster, namespace, chosen, horizon);
    }

    /** Return the propagators whose values {@link #set} carries (none unless chosen). */
    public List<TriggerContextPropagator> contextPropagators() {
        return propagators;
    }

    /**
     * Return a copy that writes into the due-index of the service {@code service}: only a listener whose registry
     * has the same namespace claims these triggers (the TTL key itself is the same, the original's). The empty
     * namespace is the default one, shared with every service that sets none.
     *
     * @throws IllegalArgumentException if {@code service} holds characters no key component may contain
     */
    public RedisTrigger inNamespace(String service) {
        return new RedisTrigger(support, tenant, pool, cluster, service, propagators, horizon);
    }

    /**
     * Return a copy whose {@link #set} drops (up to 100 per call) the index entries of its namespace that came due
     * more than {@code horizon} ago and were never claimed, with their context snapshots. This bounds the index when
     * no listener of ours runs, as in a deployment where only the original's listeners fire the triggers (they
     * consume the expiry event and write nothing back). The price: a trigger due while no listener of ours ran for
     * longer than the horizon is never fired by ours. Default {@link #DEFAULT_INDEX_HORIZON}.
     *
     * @throws IllegalArgumentException if shorter than 1 ms
     */
    public RedisTrigger withIndexHorizon(Duration after) {
        Objects.requireNonNull(after, "horizon");
        if (after.toMillis() < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 ms, was " + after);
        }
        return new RedisTrigger(support, tenant, pool, cluster, namespace, propagators, after);
    }

    /** The namespace (service) whose due-index this repository writes; empty for the default one. */
    public String namespace() {
        return namespace;
    }

    /** The tenant of every trigger of this repository. */
    public String tenant() {
        return tenant;
    }

    /** The pool alias commands run on ({@code expiry} unless changed). */
    public String pool() {
        return pool;
    }

    /**
     * Set (or re-set) the trigger {@code action} for {@code identifier} to fire after {@code ttl}.
     *
     * <p>Runs {@code SET key "trigger:<utc iso>" PX ttl} and {@code ZADD due-index <server now + ttl> key}: in one
     * Lua script on the standalone layout (atomic), as two commands on the Cluster layout, the {@code ZADD} first
     * (see the class documentation for why). Re-setting a trigger before it fires replaces its expiry and moves its
     * due time (debounce): it fires once, at the new time.
     *
     * <p><b>Context.</b> The context the trigger is set in is stored with it, bounded, in the namespace's context
     * hash ({@code {EXPTRIGGER%...}:ctx}, field: the trigger key; never in the TTL key, whose value stays the
     * original's): the {@link io.symphony.redis.context.TenantScope}, the identity of the shared state bound with
     * {@link SharedStateContext#bind} and the values of the {@link #withContextPropagators propagators}. The
     * listener restores it in the handler's Reactor context. A set without any of these removes an older snapshot.
     *
     * @return emits {@code true} once both writes are done; a failure arrives as
     *     {@link io.symphony.redis.RedisCommandException}: on the standalone layout nothing was written, on the
     *     Cluster layout a failed key write leaves the index entry, so the trigger still fires when due
     * @throws IllegalArgumentException if a component is invalid or {@code ttl} is shorter than 1 ms (the original
     *     refuses a non-positive TTL); a propagator value over its bound arrives as an {@code onError}
     *     {@link IllegalArgumentException} naming the propagator
     */
    public Mono<Boolean> set(String action, String identifier, Duration ttl) {
        String key = key(action, identifier);
        String ttlMillis = String.valueOf(requireTtl(ttl).toMillis());
        return observed("set", Mono.deferContextual(context -> {
            String value = value();
            String snapshot = TriggerContextCodec.capture(context, propagatorsWithObservers()).orElse("");
            if (!cluster) {
                return support.ops().onPool(pool).eval(SET, List.of(key, dueIndexKey(), contextKey()),
                                List.of(value, ttlMillis, snapshot, String.valueOf(horizon.toMillis())))
                        .thenReturn(Boolean.TRUE);
            }
            return support.ops().onPool(pool).eval(INDEX, List.of(dueIndexKey(), contextKey()), List.of(key,
                            ttlMillis, snapshot, String.valueOf(horizon.toMillis())))
                    .then(support.ops().onPool(pool).set(key, value, Duration.ofMillis(Long.parseLong(ttlMillis))))
                    .thenReturn(Boolean.TRUE);
        }));
    }

    /**
     * Cancel the trigger {@code action} for {@code identifier}: {@code DEL} of the key and {@code ZREM} from the
     * due-index, in one script (standalone) or two commands (Cluster: the {@code ZREM} first, see the class
     * documentation). A trigger already claimed by a listener is not recalled.
     *
     * @return emits 1 if the TTL key existed, else 0; a failure arrives as
     *     {@link io.symphony.redis.RedisCommandException}; a failed {@code ZREM} leaves the key untouched in both
     *     layouts
     * @throws IllegalArgumentException if a component is invalid
     */
    public Mono<Long> delete(String action, String identifier) {
        return observed("delete", deleteKeys(List.of(key(action, identifier))));
    }

    /**
     * Cancel every trigger of this tenant for {@code identifier}, whatever the action: {@code SCAN} with the
     * glob-escaped pattern {@code {tenant}:EXPTRIGGER:*:{identifier}}, keep only keys the strict parser accepts for
     * this tenant and identifier, then {@code DEL} + {@code ZREM} them in batches of 100 (each batch one script on
     * the standalone layout; on the Cluster layout one {@code ZREM} of the batch, then one {@code DEL}, which Lettuce
     * splits per slot). The {@code SCAN} walks every primary on a Cluster. Not atomic as a whole: a trigger set
     * during the scan may survive.
     *
     * @return emits the number of TTL keys deleted
     * @throws IllegalArgumentException if the identifier is invalid
     */
    public Mono<Long> deleteAllByIdentifier(String identifier) {
        String pattern = support.keys().triggersByIdentifierPattern(tenant, identifier);
        return observed("deleteAllByIdentifier", support.ops().onPool(pool).scanKeys(pattern)
                .filter(key -> support.keys().parseTriggerAction(tenant, identifier, key).isPresent())
                .buffer(100)
                .concatMap(this::deleteKeys)
                .reduce(0L, Long::sum));
    }

    /**
     * Return the key of the default namespace's due-index: {@code {EXPTRIGGER%}:due} with the factory's trigger
     * prefix.
     *
     * @return the sorted-set key (members: trigger keys; scores: due epoch ms)
     */
    public static String dueIndexKey(KeyFactory keys) {
        return indexKey(keys, DEFAULT_NAMESPACE, "due");
    }

    /**
     * Return the key of a trigger companion structure of the default namespace, for example {@code inflight}.
     *
     * @return {@code {EXPTRIGGER%}:<name>}
     */
    public static String indexKey(KeyFactory keys, String name) {
        return indexKey(keys, DEFAULT_NAMESPACE, name);
    }

    /**
     * Return the key of a structure of {@code namespace}'s trigger index ({@code due}, {@code inflight}, ...), all
     * in one Cluster slot per namespace: {@code {EXPTRIGGER%}:<name>} for the default namespace (the keys earlier
     * versions wrote), {@code {EXPTRIGGER%:<escaped namespace>}:<name>} for another. The hash tag cannot be built
     * from an escaped tenant: it holds a bare {@code %}, and for a namespace also a bare {@code :}.
     *
     * @throws IllegalArgumentException if the namespace holds characters no key component may contain
     */
    public static String indexKey(KeyFactory keys, String namespace, String name) {
        Objects.requireNonNull(name, "name");
        String ns = requireNamespace(namespace);
        String tag = keys.triggerPrefix() + INDEX_TAG_SUFFIX + (ns.isEmpty() ? "" : ":" + KeyFactory.escape(ns));
        return "{" + tag + "}:" + name;
    }

    private String dueIndexKey() {
        return indexKey(support.keys(), namespace, "due");
    }

    private String contextKey() {
        return indexKey(support.keys(), namespace, "ctx");
    }

    private static String requireNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (!namespace.isEmpty()) {
            KeyFactory.escape(namespace);
        }
        return namespace;
    }

    private Mono<Long> deleteKeys(List<String> keys) {
        return Mono.defer(() -> {
            if (!cluster) {
                List<String> all = new ArrayList<>(keys);
                all.add(dueIndexKey());
                all.add(contextKey());
                return support.ops().onPool(pool).eval(DELETE, all, List.of());
            }
            return support.ops().onPool(pool).eval(UNINDEX, List.of(dueIndexKey(), contextKey()), keys)
                    .then(support.ops().onPool(pool).delete(keys));
        });
    }

    private String key(String action, String identifier) {
        return support.keys().triggerKey(tenant, action, identifier);
    }

    private String value() {
        LocalDateTime now = LocalDateTime.now(support.clock().withZone(ZoneOffset.UTC))
                .truncatedTo(ChronoUnit.MICROS);
        return "trigger:" + isoformat(now);
    }

    /** Python's naive {@code datetime.isoformat()}: microseconds only when not zero. */
    static String isoformat(LocalDateTime time) {
        String base = String.format("%04d-%02d-%02dT%02d:%02d:%02d", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
        int micros = time.getNano() / 1_000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }

    private static Duration requireTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
        return ttl;
    }

    @Override
    public String toString() {
        return "RedisTrigger[" + tenant + " on " + pool + (namespace.isEmpty() ? "" : ", namespace " + namespace)
                + (cluster ? ", cluster layout" : "") + "]";
    }

    /** This trigger's propagators, then those of the support's observer whose names it does not use. */
    private List<TriggerContextPropagator> propagatorsWithObservers() {
        List<TriggerContextPropagator> extra = support.observer().triggerContextPropagators();
        if (extra.isEmpty()) {
            return propagators;
        }
        List<TriggerContextPropagator> all = new ArrayList<>(propagators);
        for (TriggerContextPropagator propagator : extra) {
            if (all.stream().noneMatch(own -> own.name().equals(propagator.name()))) {
                all.add(propagator);
            }
        }
        return all;
    }

    private <T> Mono<T> observed(String operation, Mono<T> mono) {
        return support.observe(RepositoryNames.TRIGGER, operation, pool, tenant, mono);
    }
}
