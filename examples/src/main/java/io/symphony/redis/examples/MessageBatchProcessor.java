package io.symphony.redis.examples;

import io.symphony.redis.listener.TriggerEvent;
import io.symphony.redis.listener.OnTrigger;
import io.symphony.redis.repository.RedisStateHandler;
import io.symphony.redis.repository.SharedStateContext;
import io.symphony.redis.repository.SymphonyRepositories;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Handles {@code process_message_batch}: when a user has been quiet for the debounce time, claim their batch,
 * run the keyword tool on it (shared state), merge the conversation's handler state, count, and acknowledge.
 * The listener delivers each trigger once across instances; the claim/ack makes the batch itself exactly-once.
 * The starter registers the {@link OnTrigger} method when the bean is created (it is public because the registry
 * invokes it reflectively).
 */
@Component
public final class MessageBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger("demo");

    private final SymphonyRepositories repositories;
    private final SymphonyRuntime runtime;
    private final ChatBatches batches;
    private final String consumerId = "demo-" + ManagementFactory.getRuntimeMXBean().getName();

    MessageBatchProcessor(SymphonyRepositories repositories, SymphonyRuntime runtime, ChatBatches batches) {
        this.repositories = repositories;
        this.runtime = runtime;
        this.batches = batches;
    }

    /**
     * Process the user's batch; the trigger is acknowledged when the returned {@code Mono} completes.
     *
     * @param event the occurrence: tenant and user (the identifier)
     * @return completes once the batch is processed and acknowledged
     */
    @OnTrigger(ChatBatches.ACTION)
    public Mono<Void> handle(TriggerEvent event) {
        String tenant = event.tenant();
        String user = event.identifier();
        Mono<Long> counted = repositories.stateHandler(tenant, user)
                .incrementField(ChatBatches.CONVERSATION, ChatBatches.FIRED);
        return counted.then(repositories.batch(tenant)
                .consume(ChatBatches.SERVICE, user, ChatBatches.BATCH_ACTION, consumerId, ChatBatches.MAX_BATCH,
                        batches.visibility(), items -> process(tenant, user, items))
                .switchIfEmpty(Mono.fromRunnable(() -> log.info("[{}/{}] trigger fired, nothing left to process",
                        tenant, user))))
                .then();
    }

    private Mono<Void> process(String tenant, String user, List<@Nullable Object> items) {
        List<String> texts = items.stream().map(MessageBatchProcessor::text).toList();
        RedisStateHandler state = repositories.stateHandler(tenant, user);
        return new KeywordTool(texts).runOn(runtime.bridge())
                .contextWrite(SharedStateContext.bind(repositories.sharedState(tenant, user)))
                .flatMap(summary -> state.merge(ChatBatches.CONVERSATION, Map.of(
                        "last_batch", texts, "last_batch_size", texts.size(), "last_summary", summary)))
                .then(state.incrementField(ChatBatches.CONVERSATION, ChatBatches.MESSAGES, texts.size()))
                .then(state.incrementField(ChatBatches.CONVERSATION, ChatBatches.BATCHES))
                .doOnNext(batchNumber -> log.info("[{}/{}] quiet for {} ms: batch #{} of {} message(s) processed {}",
                        tenant, user, batches.debounce().toMillis(), batchNumber, texts.size(), texts))
                .then();
    }

    private static String text(@Nullable Object item) {
        if (item instanceof Map<?, ?> message && message.get("text") != null) {
            return String.valueOf(message.get("text"));
        }
        return String.valueOf(item);
    }
}
