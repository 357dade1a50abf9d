package io.symphony.redis.listener;

import io.symphony.redis.keys.KeyFactory;
import io.symphony.redis.ops.RedisOps;
import io.symphony.redis.repository.RedisTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The Redis side of the claim protocol (see {@link TriggerScripts}), on one pool alias. */
final class TriggerStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisOps ops;
    private final String pool;
    private final String due;
    private final String inflight;
    private final String recent;
    private final String dead;

    TriggerStore(RedisOps ops, KeyFactory keys, String pool) {
        this.ops = ops;
        this.pool = pool;
        this.due = RedisTrigger.dueIndexKey(keys);
        this.inflight = RedisTrigger.indexKey(keys, "inflight");
        this.recent = RedisTrigger.indexKey(keys, "recent");
        this.dead = RedisTrigger.indexKey(keys, "dead");
    }

    /** The result of one sweep: the claims, the server's time and when the next entry comes due (-1: none). */
    record Sweep(List<Claim> claims, long now, long nextWake) {
    }

    Mono<Sweep> sweep(int batch, Duration lease, Duration window) {
        return ops.onPool(pool).eval(TriggerScripts.SWEEP, List.of(due, inflight, recent),
                        List.of(String.valueOf(batch), millis(lease), millis(window)))
                .map(TriggerStore::sweepOf);
    }

    Mono<Claim> claimEvent(String key, Duration lease) {
        return ops.onPool(pool)
                .eval(TriggerScripts.CLAIM_EVENT, List.of(due, inflight, recent), List.of(key, millis(lease)))
                .handle((reply, sink) -> {
                    long kind = (Long) reply.get(0);
                    if (kind == 1L) {
                        sink.next(new Claim(key, (Long) reply.get(1), (Long) reply.get(2), TriggerEvent.Source.EVENT));
                    } else if (kind == 2L) {
                        sink.next(new Claim(key, (Long) reply.get(1), (Long) reply.get(2),
                                TriggerEvent.Source.EVENT_UNINDEXED));
                    }
                });
    }

    Mono<Void> ack(Claim claim) {
        if (claim.lease() < 0) {
            return Mono.empty();
        }
        return ops.onPool(pool)
                .eval(TriggerScripts.ACK, List.of(inflight), List.of(claim.key(), String.valueOf(claim.lease())))
                .then();
    }

    Mono<Void> deadLetter(Claim claim, DeadLetter letter) {
        return Mono.fromCallable(() -> JSON.writeValueAsString(toMap(letter)))
                .flatMap(json -> ops.onPool(pool).eval(TriggerScripts.DEAD_LETTER, List.of(inflight, dead),
                        List.of(claim.key(), String.valueOf(claim.lease()), letter.id(), json)))
                .then();
    }

    Flux<DeadLetter> deadLetters() {
        return ops.onPool(pool).hgetall(dead)
                .flatMapIterable(Map::values)
                .map(TriggerStore::fromJson);
    }

    Mono<Boolean> replay(String id) {
        return ops.onPool(pool).eval(TriggerScripts.REPLAY, List.of(dead, due), List.of(id)).map(n -> n == 1L);
    }

    Mono<Long> pending() {
        return ops.onPool(pool).eval(TriggerScripts.COUNT, List.of(due), List.of());
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Sweep sweepOf(List<Object> reply) {
        long now = (Long) reply.get(0);
        long wake = (Long) reply.get(1);
        List<Claim> claims = new ArrayList<>((reply.size() - 2) / 4);
        for (int i = 2; i + 3 < reply.size(); i += 4) {
            TriggerEvent.Source source = (Long) reply.get(i) == 2L
                    ? TriggerEvent.Source.REDELIVERY : TriggerEvent.Source.SWEEP;
            claims.add(new Claim((String) reply.get(i + 1), (Long) reply.get(i + 2), (Long) reply.get(i + 3),
                    source));
        }
        return new Sweep(claims, now, wake);
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
                String.valueOf(map.get("key")), ((Number) map.get("attempts")).intValue(),
                String.valueOf(map.get("error")), Instant.ofEpochMilli(((Number) map.get("failedAt")).longValue()));
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
