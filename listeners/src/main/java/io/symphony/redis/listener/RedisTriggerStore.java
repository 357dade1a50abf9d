package io.symphony.redis.listener;

import io.symphony.redis.CodecException;
import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.ops.RedisOps;
import io.symphony.redis.repository.RedisTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The Redis side of the claim protocol (see {@link TriggerScripts}), on one pool alias and namespace. */
final class RedisTriggerStore implements TriggerStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisOps ops;
    private final String pool;
    private final String due;
    private final String inflight;
    private final String recent;
    private final String tokens;
    private final String dead;
    private final String context;

    private final String claimUnindexed;

    RedisTriggerStore(RedisOps ops, KeyFactory keys, String pool, String namespace) {
        this.ops = ops;
        this.pool = pool;
        this.due = RedisTrigger.indexKey(keys, namespace, "due");
        this.inflight = RedisTrigger.indexKey(keys, namespace, "inflight");
        this.recent = RedisTrigger.indexKey(keys, namespace, "recent");
        this.tokens = RedisTrigger.indexKey(keys, namespace, "tokens");
        this.dead = RedisTrigger.indexKey(keys, namespace, "dead");
        this.context = RedisTrigger.indexKey(keys, namespace, "ctx");
        // Keys without an index entry are the original's, which knows no namespaces: only the default one owns them.
        this.claimUnindexed = namespace.isEmpty() ? "1" : "0";
    }

    /**
     * Claim due entries; with {@code matchers} (see {@link TriggerScripts#SWEEP}) only those of these actions,
     * without ({@code null}) every one; remove those matching {@code original} unclaimed.
     */
    @Override
    public Mono<Sweep> sweep(int batch, Duration lease, Duration window, @Nullable List<String> matchers,
            List<String> original) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(batch), millis(lease), millis(window),
                String.valueOf(matchers == null ? -1 : matchers.size())));
        if (matchers != null) {
            args.addAll(matchers);
        }
        args.addAll(original);
        return ops.onPool(pool).eval(TriggerScripts.SWEEP, List.of(due, inflight, recent, tokens, context), args)
                .map(RedisTriggerStore::sweepOf);
    }

    @Override
    public Mono<List<Claim>> claimEvents(List<String> keys, Duration lease) {
        List<String> args = new ArrayList<>(keys.size() + 2);
        args.add(millis(lease));
        args.add(claimUnindexed);
        args.addAll(keys);
        return ops.onPool(pool).eval(TriggerScripts.CLAIM_EVENTS, List.of(due, inflight, recent, tokens, context),
                        args)
                .map(RedisTriggerStore::eventClaimsOf);
    }

    private static List<Claim> eventClaimsOf(List<Object> reply) {
        List<Claim> claims = new ArrayList<>(reply.size() / 5);
        for (int i = 0; i + 4 < reply.size(); i += 5) {
            TriggerEvent.Source source = (Long) reply.get(i) == 1L
                    ? TriggerEvent.Source.EVENT : TriggerEvent.Source.EVENT_UNINDEXED;
            claims.add(new Claim((String) reply.get(i + 1), (Long) reply.get(i + 2), (Long) reply.get(i + 3), source,
                    snapshot(reply.get(i + 4))));
        }
        return claims;
    }

    @Override
    public Mono<Long> ack(List<Claim> claims) {
        List<String> args = new ArrayList<>(claims.size() * 2);
        for (Claim claim : claims) {
            if (claim.lease() >= 0) {
                args.add(claim.key());
                args.add(String.valueOf(claim.lease()));
            }
        }
        if (args.isEmpty()) {
            return Mono.just(0L);
        }
        return ops.onPool(pool).eval(TriggerScripts.ACK, List.of(inflight, tokens, due, context), args);
    }

    /** Give an unhandled claim back to the due-index, for an instance that has its handler. */
    @Override
    public Mono<Void> unclaim(Claim claim) {
        if (claim.lease() < 0) {
            return Mono.empty();
        }
        return ops.onPool(pool).eval(TriggerScripts.UNCLAIM, List.of(inflight, tokens, due), List.of(claim.key(),
                String.valueOf(claim.lease()), String.valueOf(claim.dueMillis()))).then();
    }

    @Override
    public Mono<Void> deadLetter(Claim claim, DeadLetter letter) {
        return Mono.fromCallable(() -> JSON.writeValueAsString(toMap(letter)))
                .flatMap(json -> ops.onPool(pool).eval(TriggerScripts.DEAD_LETTER, List.of(inflight, tokens, dead),
                        List.of(claim.key(), String.valueOf(claim.lease()), letter.id(), json)))
                .then();
    }

    /**
     * Renew the leases of {@code held} (key to claim token) to server now + {@code lease}, one script per call.
     *
     * @return the keys whose claim this instance no longer holds
     */
    @Override
    public Mono<List<String>> renew(Map<String, Long> held, Duration lease) {
        List<String> args = new ArrayList<>(1 + held.size() * 2);
        args.add(millis(lease));
        held.forEach((key, token) -> {
            args.add(key);
            args.add(String.valueOf(token));
        });
        return ops.onPool(pool).eval(TriggerScripts.RENEW, List.of(inflight, tokens), args)
                .map(lost -> lost.stream().map(String::valueOf).toList());
    }

    @Override
    public Flux<DeadLetter> deadLetters() {
        return ops.onPool(pool).hgetall(dead)
                .flatMapIterable(Map::values)
                .map(RedisTriggerStore::fromJson);
    }

    @Override
    public Mono<Boolean> replay(String id) {
        return ops.onPool(pool).eval(TriggerScripts.REPLAY, List.of(dead, due), List.of(id)).map(n -> n == 1L);
    }

    @Override
    public Mono<Long> pending() {
        return ops.onPool(pool).eval(TriggerScripts.COUNT, List.of(due), List.of());
    }

    private static Sweep sweepOf(List<Object> reply) {
        long now = (Long) reply.get(0);
        long wake = (Long) reply.get(1);
        List<Claim> claims = new ArrayList<>((reply.size() - 2) / 5);
        List<String> left = new ArrayList<>();
        int original = 0;
        for (int i = 2; i + 4 < reply.size(); i += 5) {
            long kind = (Long) reply.get(i);
            if (kind == 0L) {
                left.add((String) reply.get(i + 1));
                continue;
            }
            if (kind == 3L) {
                original++;
                continue;
            }
            TriggerEvent.Source source = (Long) reply.get(i) == 2L
                    ? TriggerEvent.Source.REDELIVERY : TriggerEvent.Source.SWEEP;
            claims.add(new Claim((String) reply.get(i + 1), (Long) reply.get(i + 2), (Long) reply.get(i + 3),
                    source, snapshot(reply.get(i + 4))));
        }
        return new Sweep(claims, left, original, now, wake);
    }

    private static @Nullable String snapshot(@Nullable Object value) {
        return value instanceof String text && !text.isEmpty() ? text : null;
    }

    private static Map<String, Object> toMap(DeadLetter letter) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", letter.id());
        map.put("tenant", letter.tenant());
        map.put("action", letter.action());
        map.put("identifier", letter.identifier());
        map.put("key", letter.key());
        map.put("attempts", letter.attempts());
        map.put("error", letter.error());
        map.put("failedAt", letter.failedAt().toEpochMilli());
        return map;
    }

    private static DeadLetter fromJson(String json) {
        Map<?, ?> map = JSON.readValue(json, Map.class);
        return new DeadLetter(String.valueOf(map.get("id")), String.valueOf(map.get("tenant")),
                String.valueOf(map.get("action")), String.valueOf(map.get("identifier")),
                String.valueOf(map.get("key")), number(map, "attempts", json).intValue(),
                String.valueOf(map.get("error")), Instant.ofEpochMilli(number(map, "failedAt", json).longValue()));
    }

    private static Number number(Map<?, ?> map, String field, String json) {
        if (map.get(field) instanceof Number number) {
            return number;
        }
        throw new CodecException("Dead letter has no numeric '" + field + "': " + json, null);
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
