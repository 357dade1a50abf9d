package io.symphony.redis.examples;

import io.symphony.redis.context.SymphonyContext;
import io.symphony.redis.context.TenantScope;
import io.symphony.redis.repository.SharedStateContext;
import io.symphony.redis.repository.SymphonyRepositories;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The chat endpoints. The tenant and user come from {@code X-Tenant-Id}/{@code X-User-Id} through the toolkit's
 * {@code SymphonyWebFilter}, which binds the user's shared state into the request's Reactor Context; both paths
 * require a tenant ({@code symphony.redis.web.require-tenant}), so a request without the headers is answered 400
 * with a problem detail before a handler runs.
 */
@RestController
final class ChatController {

    private final SymphonyRepositories repositories;
    private final ChatBatches batches;

    ChatController(SymphonyRepositories repositories, ChatBatches batches) {
        this.repositories = repositories;
        this.batches = batches;
    }

    /** Enqueue the message and (re-)arm the user's debounce trigger. */
    @PostMapping("/chat")
    Mono<Map<String, Object>> chat(@RequestBody String text) {
        return SymphonyContext.currentScope().flatMap(scope -> {
            var batch = repositories.batch(scope.tenant());
            Map<String, Object> message = Map.of("text", text.strip(), "received_at", Instant.now().toString());
            return batch.enqueue(ChatBatches.SERVICE, scope.userId(), ChatBatches.BATCH_ACTION, message)
                    .then(repositories.trigger(scope.tenant())
                            .set(ChatBatches.ACTION, scope.userId(), batches.debounce()))
                    .then(batch.getLength(ChatBatches.SERVICE, scope.userId(), ChatBatches.BATCH_ACTION))
                    .map(pending -> ordered("queued", text.strip(), "pending_messages", pending,
                            "processed_after_quiet_ms", batches.debounce().toMillis()));
        });
    }

    /** The conversation's handler state, the user's shared tool results and the messages still waiting. */
    @GetMapping("/state")
    Mono<Map<String, Object>> state() {
        return SharedStateContext.current().flatMap(shared -> {
            TenantScope scope = new TenantScope(shared.tenant(), shared.userId());
            return Mono.zip(
                    repositories.stateHandler(scope.tenant(), scope.userId()).get(ChatBatches.CONVERSATION, ChatBatches.CONVERSATION_TYPES)
                            .defaultIfEmpty(Map.of()),
                    shared.get(KeywordTool.RESULTS).defaultIfEmpty(Map.of()),
                    repositories.batch(scope.tenant())
                            .getLength(ChatBatches.SERVICE, scope.userId(), ChatBatches.BATCH_ACTION))
                    .map(t -> ordered("tenant", scope.tenant(), "user", scope.userId(),
                            "pending_messages", t.getT3(), "handler_state", t.getT1(),
                            "shared_state", Map.of(KeywordTool.RESULTS, t.getT2())));
        });
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return map;
    }
}
