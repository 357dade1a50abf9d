package io.symphony.redis.repository;

import io.symphony.redis.CodecException;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.ops.RedisScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Batches of work items of one tenant (the original's {@code RedisBatch}), on pool {@value PoolAliases#HANDLERS} by
 * default: a list {@code {tenant}:batch:{service}:{entity}:{action}} of encoded items, and the global set
 * {@code pending_batches:{service}} of tenants that have work for a service.
 *
 * <h2>Wire format and parity</h2>
 * Items are encoded as the original encodes them (one {@code RPUSH} element per item), and the pending set holds the
 * tenant as given, so a Python producer or consumer on the original shares the lists with this class. The
 * original's {@code get_chunk}/{@code trim}/{@code get_length}/{@code get_pending_tenants}/
 * {@code remove_from_pending} are here one to one; the last two are instance methods that use this repository's
 * pool (the original hard-codes {@code handlers}).
 *
 * <h2>TTL</h2>
 * The original writes no TTL on the list or the pending set, so both live forever. Here every {@code enqueue}
 * sets the list's TTL to the repository's default TTL (or the TTL given), renewing it each time, and extends (never
 * shortens) the TTL of the tenant's active-lists set to at least that TTL. The global pending set
 * {@code pending_batches:{service}} never gets a TTL: Python producers add their tenants to it with a plain
 * {@code SADD} and never renew a TTL, so a TTL of ours would drop their tenants when our producers go idle (an
 * {@code enqueue} even removes a TTL an earlier version set, with {@code PERSIST}). A tenant leaves it when its
 * lists are drained by {@link #claim} or by {@code removeFromPending}. Items that are
 * never consumed therefore disappear one TTL after the last enqueue. Requeued items renew the list's TTL to the
 * default TTL. The processing keys of a claim live for the default TTL plus the visibility timeout.
 *
 * <h2>Crash-safe consumption</h2>
 * The original leaves consumption to the caller ({@code get_chunk}, {@code trim}, {@code remove_from_pending}: three
 * separate commands, so two consumers process the same chunk, and an item enqueued between "list is empty" and the
 * removal is stranded). {@link #claim} atomically moves up to N items from the head of the list into a claim owned
 * by the caller (an in-flight hash {@code ...:inflight}, claim id to the raw items, and a sorted set
 * {@code ...:claims}, claim id scored by its deadline; a list is drained when it holds no item and no claim);
 * {@link #ack} deletes the claim if it is still registered; {@link #requeueExpired}, which also runs at the start
 * of every claim, moves the items of claims past their deadline back to the head of the list in their original
 * order. {@link #consume} chains the three. Delivery is
 * at-least-once: a consumer slower than its visibility timeout sees its ack rejected ({@code false}) because the
 * items were handed to someone else.
 *
 * <p>The processing keys are derived from the list key so that they share its Cluster slot: with
 * {@link io.symphony.redis.keys.HashTagMode#TENANT} a suffix is appended ({@code {acme}:batch:s:e:a:inflight}),
 * otherwise the whole list key becomes the hash tag ({@code {acme:batch:s:e:a}:inflight}, whose slot is the list
 * key's own slot because escaped components hold no braces).
 * The tenant's active-lists set {@code {tenant}:batch:{service}} (members {@code {entity}:{action}}) records which
 * of its lists of a service hold work, so that draining one list does not drop a tenant that still has work in
 * another: when a claim or ack finds the list empty and without claims, the list leaves the active set, and the
 * tenant leaves the pending set when no active list remains. With {@link BatchTopology#SINGLE_NODE} (the default)
 * that happens in the same script, so an enqueue can never slip in between; with {@link BatchTopology#CLUSTER} it
 * runs as remove, re-check, repair steps (see there). Lists filled by a producer that does not keep the active set
 * (the Python original) join it when one of our consumers claims from them.
 *
 * <p>The consumer scripts use {@code LPOP key count} and {@code TIME}, so they need Redis 6.2 or later. Instances
 * are immutable and cheap (no I/O on construction).
 *
 * @since 0.1
 */
public final class RedisBatch extends TenantRepository<RedisBatch> {

    private static final Logger log = LoggerFactory.getLogger(RedisBatch.class);

    private final BatchTopology topology;

    /**
     * Create the repository of {@code tenant} on pool {@value PoolAliases#HANDLERS} with the support's default TTL and
     * {@link BatchTopology#SINGLE_NODE}.
     *
     * @throws IllegalArgumentException if the tenant is empty or holds characters no key may contain
     * @throws NullPointerException if an argument is {@code null}
     */
    public RedisBatch(RepositorySupport support, String tenant) {
        this(support, tenant, BatchTopology.SINGLE_NODE);
    }

    /**
     * Create the repository of {@code tenant} on pool {@value PoolAliases#HANDLERS} with the support's default TTL and
     * the given topology ({@link BatchTopology#CLUSTER} on Redis Cluster).
     *
     * @throws IllegalArgumentException if the tenant is empty or holds characters no key may contain
     * @throws NullPointerException if an argument is {@code null}
     */
    public RedisBatch(RepositorySupport support, String tenant, BatchTopology topology) {
        this(support, tenant, PoolAliases.HANDLERS, support.defaultTtl(), topology);
    }

    private RedisBatch(RepositorySupport support, String tenant, String pool, Duration defaultTtl,
            BatchTopology topology) {
        super(support, tenant, pool, defaultTtl);
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    /** Return a copy of this repository whose commands run on pool {@code alias}. */
    @Override
    public RedisBatch onPool(String alias) {
        return new RedisBatch(support(), tenant(), Objects.requireNonNull(alias, "alias"), defaultTtl(), topology);
    }

    /** Return a copy of this repository whose writes use {@code ttl} (at least 1 s) when they name none. */
    @Override
    public RedisBatch withDefaultTtl(Duration ttl) {
        return new RedisBatch(support(), tenant(), pool(), Ttls.requirePositive(ttl, "ttl"), topology);
    }

    /** Return a copy of this repository that keeps the pending set in step as {@code newTopology} requires. */
    public RedisBatch withTopology(BatchTopology newTopology) {
        return new RedisBatch(support(), tenant(), pool(), defaultTtl(),
                Objects.requireNonNull(newTopology, "topology"));
    }

    /** Return how this repository keeps the pending set in step with the lists. */
    public BatchTopology topology() {
        return topology;
    }

    /**
     * Return the key of a batch list: {@code {tenant}:batch:{service}:{entity}:{action}}, each component escaped.
     *
     * @throws IllegalArgumentException if a component is empty, holds a control character or is too long
     */
    public String listKey(String service, String entityKey, String action) {
        return keys(service, entityKey, action).list();
    }

    // ---------------------------------------------------------------- the original's methods

    /**
     * Append {@code data} to the batch list and mark the tenant as pending for the service, with the default TTL.
     *
     * @return emits {@code true} once written; see {@link #enqueue(String, String, String, Object, Duration)}
     */
    public Mono<Boolean> enqueue(String service, String entityKey, String action, Object data) {
        return enqueue(service, entityKey, action, data, defaultTtl());
    }

    /**
     * Append {@code data} to the batch list ({@code RPUSH}), set the list's TTL to {@code ttl} ({@code PEXPIRE}),
     * add the list to the tenant's active set (extending its TTL to at least {@code ttl}) and the tenant to
     * {@code pending_batches:{service}} ({@code SADD}, no TTL, as the original). With {@link BatchTopology#SINGLE_NODE} this is one Lua
     * script, atomic; with {@link BatchTopology#CLUSTER} the list write is one script and the two marks follow as
     * separate steps, in that order (see {@link BatchTopology#CLUSTER}).
     *
     * @return emits {@code true} once written; Redis failures (for example {@code WRONGTYPE} when the list key holds
     *     another type) arrive as {@link io.symphony.redis.RedisCommandException} naming the list key
     * @throws NullPointerException if {@code data} is {@code null} (it would read back as no value)
     * @throws IllegalArgumentException if {@code ttl} is shorter than one second or a component is invalid
     * @throws CodecException at call time if {@code data} cannot be encoded (the message names the list key)
     */
    public Mono<Boolean> enqueue(String service, String entityKey, String action, Object data, Duration ttl) {
        Objects.requireNonNull(data, "data");
        Ttls.requirePositive(ttl, "ttl");
        BatchKeys k = keys(service, entityKey, action);
        String item;
        try {
            item = support().codec().encode(data);
        } catch (CodecException e) {
            throw e.at(k.list(), null);
        }
        List<String> args = List.of(millis(ttl), k.member(), k.tenant(), item);
        if (topology == BatchTopology.SINGLE_NODE) {
            return observed("enqueue", eval(BatchScripts.ENQUEUE, List.of(k.list(), k.lists(), k.pending()), args)
                    .thenReturn(Boolean.TRUE));
        }
        return observed("enqueue", eval(BatchScripts.ENQUEUE, List.of(k.list()), args)
                .then(mark(k.lists(), k.member(), ttl))
                .then(markPending(k))
                .thenReturn(Boolean.TRUE));
    }

    /**
     * Read the whole batch list with {@code LRANGE 0 -1} and decode each item untyped.
     *
     * @return see {@link #getChunk(String, String, String, long, long)}
     */
    public Flux<Object> getChunk(String service, String entityKey, String action) {
        return getChunk(service, entityKey, action, 0, -1);
    }

    /**
     * Read items {@code start..end} (inclusive, negative counts from the tail) with {@code LRANGE} and decode each
     * untyped, with the original's rules. Read-only; it does not remove anything (see {@link #claim} for that).
     *
     * @return emits the items in list order; completes empty when the list does not exist or the range is empty;
     *     an item stored as {@code null} (which a {@code Flux} cannot carry; the original yields {@code None})
     *     arrives as {@link CodecException} naming the key and the item's position; {@code WRONGTYPE} as
     *     {@link io.symphony.redis.RedisCommandException}
     */
    public Flux<Object> getChunk(String service, String entityKey, String action, long start, long end) {
        String key = listKey(service, entityKey, action);
        return observedMany("getChunk",
                decodeChunk(key, start, end, raw -> support().codec().decode(raw), "an untyped value"));
    }

    /**
     * Read the whole batch list and decode each item as {@code type}.
     *
     * @return see {@link #getChunk(String, String, String, long, long, Class)}
     */
    public <T> Flux<T> getChunk(String service, String entityKey, String action, Class<T> type) {
        return getChunk(service, entityKey, action, 0, -1, type);
    }

    /**
     * Read items {@code start..end} with {@code LRANGE} and decode each as {@code type} without guessing.
     *
     * @return emits the items in list order; completes empty when the list does not exist or the range is empty;
     *     the first item that does not decode as {@code type}, or is stored as {@code null}, ends the stream with
     *     {@link CodecException} naming the key and the item's position (the original silently yields
     *     {@code None}); {@code WRONGTYPE} arrives as {@link io.symphony.redis.RedisCommandException}
     */
    public <T> Flux<T> getChunk(String service, String entityKey, String action, long start, long end,
            Class<T> type) {
        Objects.requireNonNull(type, "type");
        String key = listKey(service, entityKey, action);
        return observedMany("getChunk",
                decodeChunk(key, start, end, raw -> support().codec().decode(raw, type), type.getName()));
    }

    /**
     * Keep only items {@code start..end} of the batch list with {@code LTRIM} (the original's consumer step after
     * {@code get_chunk}). Not combined with anything: the pending set is left as it is.
     *
     * @return emits {@code true} once trimmed (also when the list does not exist); {@code WRONGTYPE} arrives as
     *     {@link io.symphony.redis.RedisCommandException}
     */
    public Mono<Boolean> trim(String service, String entityKey, String action, long start, long end) {
        String key = listKey(service, entityKey, action);
        return observed("trim", support().ops().onPool(pool()).ltrim(key, start, end).thenReturn(Boolean.TRUE));
    }

    /**
     * Count the items waiting in the batch list with {@code LLEN} (claimed items in flight are not counted).
     *
     * @return emits the length; 0 when the list does not exist; {@code WRONGTYPE} arrives as
     *     {@link io.symphony.redis.RedisCommandException}
     */
    public Mono<Long> getLength(String service, String entityKey, String action) {
        String key = listKey(service, entityKey, action);
        return observed("getLength", support().ops().onPool(pool()).llen(key));
    }

    /**
     * List the tenants with pending batches of {@code service} with {@code SMEMBERS pending_batches:{service}}, on
     * this repository's pool (the original's classmethod hard-codes {@code handlers}). Not limited to this tenant:
     * the set is global, as in the original.
     *
     * @return emits each tenant once, in no particular order; completes empty when none
     */
    public Flux<String> getPendingTenants(String service) {
        String key = support().keys().pendingBatchesKey(Objects.requireNonNull(service, "service"));
        return observedMany("getPendingTenants", support().ops().onPool(pool()).smembers(key));
    }

    /**
     * Remove {@code tenant} from {@code pending_batches:{service}} with {@code SREM} (the original's classmethod,
     * on this repository's pool). Prefer {@link #consume}/{@link #ack}, which remove the tenant only when none of its
     * lists of the service holds work, atomically.
     *
     * @return emits 1 when the tenant was a member, 0 when not
     */
    public Mono<Long> removeFromPending(String service, String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        if (tenant.isEmpty()) {
            throw new IllegalArgumentException("tenant must not be empty");
        }
        String key = support().keys().pendingBatchesKey(Objects.requireNonNull(service, "service"));
        return observed("removeFromPending", support().ops().onPool(pool()).srem(key, List.of(tenant)));
    }

    // ---------------------------------------------------------------- crash-safe consumption

    /**
     * Claim up to {@code maxItems} items from the head of the batch list for {@code visibilityTimeout}. One Lua
     * script first requeues expired claims (as {@link #requeueExpired}), then {@code LPOP}s the items into a new
     * claim ({@code HSET} of the raw items into the in-flight hash, {@code ZADD} of the deadline into the claims set,
     * {@code PEXPIRE} of both). When nothing is left to claim and no claim is in flight, the list leaves the
     * tenant's active set and, when that is empty, the tenant leaves {@code pending_batches:{service}}: in the same
     * script with {@link BatchTopology#SINGLE_NODE}, as follow-up steps with {@link BatchTopology#CLUSTER}.
     *
     * @param consumerId who claims (stored with the claim, for diagnostics)
     * @param maxItems the most items to take, at least 1
     * @param visibilityTimeout how long the items stay invisible to other consumers, at least 1 ms; after it they
     *     are handed out again
     * @return emits the claim with the decoded items and the deadline (server time); completes empty when the list
     *     holds no item; Redis failures arrive as {@link io.symphony.redis.RedisCommandException}
     * @throws IllegalArgumentException if an argument is out of range or a component is invalid
     */
    public Mono<BatchClaim> claim(String service, String entityKey, String action, String consumerId, int maxItems,
            Duration visibilityTimeout) {
        BatchKeys k = keys(service, entityKey, action);
        requireConsumer(consumerId);
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
        }
        long visibility = visibilityMillis(visibilityTimeout);
        Duration processingTtl = defaultTtl().plus(visibilityTimeout);
        return observed("claim", Mono.defer(() -> {
            String claimId = UUID.randomUUID().toString();
            List<String> args = List.of(claimId, consumerId, Integer.toString(maxItems), Long.toString(visibility),
                    millis(defaultTtl()), millis(processingTtl), k.member(), k.tenant());
            return eval(BatchScripts.CLAIM, scriptKeys(k), args)
                    .flatMap(reply -> afterClaim(k, reply)
                            .then(Mono.justOrEmpty(toClaim(k, claimId, consumerId, service, entityKey, action,
                                    reply))));
        }));
    }

    /**
     * Acknowledge a claim: one Lua script checks that the claim is still registered ({@code ZSCORE}), deletes it
     * ({@code ZREM}, {@code HDEL}) and, when the list is now drained, removes the list from the active set and the
     * tenant from the pending set (same script on a single node, follow-up steps on Cluster). A claim whose deadline
     * passed is still accepted as long as its items were not requeued yet (nobody else has them).
     *
     * @return emits {@code true} when the claim was deleted; {@code false} when it is unknown: already acknowledged,
     *     or expired and requeued (its items were or will be handed to another consumer)
     * @throws IllegalArgumentException if the claim belongs to another tenant's list (its key differs)
     */
    public Mono<Boolean> ack(BatchClaim claim) {
        Objects.requireNonNull(claim, "claim");
        BatchKeys k = keys(claim.service(), claim.entityKey(), claim.action());
        if (!k.list().equals(claim.listKey())) {
            throw new IllegalArgumentException("Claim of list '" + claim.listKey() + "' cannot be acknowledged by "
                    + "the batch repository of tenant '" + tenant() + "'");
        }
        List<String> args = List.of(claim.claimId(), k.member(), k.tenant());
        return observed("ack", eval(BatchScripts.ACK, scriptKeys(k), args)
                .flatMap(reply -> {
                    boolean acknowledged = number(reply, 0) == 1L;
                    Mono<Void> settle = number(reply, 1) == 1L ? settleAfterDrain(k) : Mono.empty();
                    return settle.thenReturn(acknowledged);
                }));
    }

    /**
     * Move the items of every claim past its deadline back to the head of the batch list, in their original order
     * (one Lua script: {@code ZRANGEBYSCORE}, {@code HGET}, {@code LPUSH}, {@code HDEL}, {@code ZREM}, and
     * {@code PEXPIRE} of the list to the default TTL). Every {@link #claim} does this first, so calling it is only
     * needed to make expired items visible to {@link #getChunk}/{@link #getLength} without claiming.
     *
     * @return emits how many items were moved back (0 when none)
     */
    public Mono<Long> requeueExpired(String service, String entityKey, String action) {
        BatchKeys k = keys(service, entityKey, action);
        List<String> args = List.of(millis(defaultTtl()), k.member(), k.tenant());
        return observed("requeueExpired", eval(BatchScripts.REQUEUE, scriptKeys(k), args)
                .flatMap(reply -> {
                    long moved = number(reply, 0);
                    Mono<Void> marks = moved > 0 && topology == BatchTopology.CLUSTER ? markBoth(k) : Mono.empty();
                    return marks.thenReturn(moved);
                }));
    }

    /**
     * Claim, process and acknowledge: {@link #claim}, then {@code handler} with the claimed items, then
     * {@link #ack} once the handler's {@code Mono} completes. When the handler fails (or returns {@code null}) the
     * error is emitted and nothing is acknowledged; when the subscription is cancelled before the ack, nothing is
     * acknowledged either. In both cases the items are handed out again after {@code visibilityTimeout}.
     *
     * @return completes empty when there was nothing to claim; emits {@code true} when the items were processed and
     *     acknowledged, {@code false} when they were processed but the claim had expired and been requeued
     *     meanwhile (another consumer may process them again: choose a longer visibility timeout); emits the
     *     handler's error or a {@link io.symphony.redis.RedisCommandException}
     */
    public Mono<Boolean> consume(String service, String entityKey, String action, String consumerId, int maxItems,
            Duration visibilityTimeout, Function<List<@Nullable Object>, ? extends Mono<Void>> handler) {
        Objects.requireNonNull(handler, "handler");
        return observed("consume", claim(service, entityKey, action, consumerId, maxItems, visibilityTimeout)
                .flatMap(claim -> Mono.defer(() -> Objects.requireNonNull(handler.apply(claim.items()),
                                "handler returned null"))
                        .then(ack(claim))));
    }

    // ---------------------------------------------------------------- internals

    private BatchKeys keys(String service, String entityKey, String action) {
        return BatchKeys.of(keys(), tenant(), Objects.requireNonNull(service, "service"),
                Objects.requireNonNull(entityKey, "entityKey"), Objects.requireNonNull(action, "action"));
    }

    private List<String> scriptKeys(BatchKeys k) {
        return topology == BatchTopology.SINGLE_NODE ? k.allKeys() : k.slotKeys();
    }

    private <T> Mono<T> eval(RedisScript<T> script, List<String> keys, List<String> args) {
        return support().ops().onPool(pool()).eval(script, keys, args);
    }

    private Mono<Void> afterClaim(BatchKeys k, List<Object> reply) {
        long requeued = number(reply, 0);
        if (requeued > 0) {
            log.debug("Requeued {} expired item(s) of '{}'", requeued, k.list());
        }
        if (topology == BatchTopology.SINGLE_NODE) {
            return Mono.empty();
        }
        if (number(reply, 1) == 1L) {
            return settleAfterDrain(k);
        }
        return requeued > 0 || reply.size() > 3 ? markBoth(k) : Mono.empty();
    }

    /**
     * Cluster follow-up after a script found the list drained: remove the list from the active set, re-check the
     * list and repair if it filled up meanwhile; if no active list remained, remove the tenant from the pending set
     * and re-check the active set, repairing if it filled up meanwhile.
     */
    private Mono<Void> settleAfterDrain(BatchKeys k) {
        if (topology == BatchTopology.SINGLE_NODE) {
            return Mono.empty();
        }
        return eval(BatchScripts.UNMARK, List.of(k.lists()), List.of(k.member()))
                .flatMap(remaining -> eval(BatchScripts.BUSY, List.of(k.list(), k.claims()), List.of())
                        .flatMap(busy -> {
                            if (busy > 0) {
                                return markBoth(k);
                            }
                            if (remaining > 0) {
                                return Mono.empty();
                            }
                            return support().ops().onPool(pool()).srem(k.pending(), List.of(k.tenant()))
                                    .then(eval(BatchScripts.CARDINALITY, List.of(k.lists()), List.of()))
                                    .flatMap(active -> active > 0
                                            ? markPending(k)
                                            : Mono.<Void>empty());
                        }));
    }

    private Mono<Void> markBoth(BatchKeys k) {
        return mark(k.lists(), k.member(), defaultTtl()).then(markPending(k));
    }

    /** SADD the tenant to the global pending set, which never gets a TTL (the original never expires it). */
    private Mono<Void> markPending(BatchKeys k) {
        return eval(BatchScripts.MARK, List.of(k.pending()), List.of(k.tenant(), "0")).then();
    }

    private Mono<Void> mark(String key, String member, Duration ttl) {
        return eval(BatchScripts.MARK, List.of(key), List.of(member, millis(ttl))).then();
    }

    private @Nullable BatchClaim toClaim(BatchKeys k, String claimId, String consumerId, String service,
            String entityKey, String action, List<Object> reply) {
        long deadline = number(reply, 2);
        if (deadline == 0L) {
            return null;
        }
        List<@Nullable Object> items = new ArrayList<>(reply.size() - 3);
        for (int i = 3; i < reply.size(); i++) {
            items.add(support().codec().decode((String) reply.get(i)));
        }
        return new BatchClaim(claimId, consumerId, service, entityKey, action, k.list(), items,
                Instant.ofEpochMilli(deadline));
    }

    private <T> Flux<T> decodeChunk(String key, long start, long end, Function<String, @Nullable T> decoder,
            String target) {
        return support().ops().onPool(pool()).lrange(key, start, end)
                .index()
                .handle((indexed, sink) -> {
                    long position = indexed.getT1();
                    String raw = indexed.getT2();
                    try {
                        T value = decoder.apply(raw);
                        if (value == null) {
                            sink.error(new CodecException("item " + position + " of the chunk is null and cannot be"
                                    + " emitted as " + target, null).at(key, null));
                        } else {
                            sink.next(value);
                        }
                    } catch (CodecException e) {
                        sink.error(new CodecException("item " + position + " of the chunk: " + e.getMessage(), e)
                                .at(key, null));
                    }
                });
    }

    private static long number(List<Object> reply, int index) {
        return (Long) reply.get(index);
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    private static void requireConsumer(String consumerId) {
        Objects.requireNonNull(consumerId, "consumerId");
        if (consumerId.isEmpty()) {
            throw new IllegalArgumentException("consumerId must not be empty");
        }
    }

    private static long visibilityMillis(Duration visibilityTimeout) {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        if (visibilityTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("visibilityTimeout must be at least 1 ms, was " + visibilityTimeout);
        }
        return visibilityTimeout.toMillis();
    }
}
