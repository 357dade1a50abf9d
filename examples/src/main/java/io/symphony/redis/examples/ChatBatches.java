package io.symphony.redis.examples;

import io.symphony.redis.codec.FieldTypes;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names and timings of the demo's batching, from {@code demo.*} properties.
 *
 * @param debounce how long a user must be quiet before their batch is processed ({@code demo.debounce}, 2 s)
 * @param visibility how long a claimed batch stays invisible to other consumers before it is handed out again
 */
@ConfigurationProperties("demo")
record ChatBatches(@DefaultValue("2s") Duration debounce, @DefaultValue("30s") Duration visibility) {

    /** The trigger action, as in the original's scenario. */
    static final String ACTION = "process_message_batch";
    /** Batch list components: {@code {tenant}:batch:chat:{user}:process}. */
    static final String SERVICE = "chat";
    static final String BATCH_ACTION = "process";
    /** The handler state of a conversation: {@code {tenant}:state:conversation:{user}}. */
    static final String CONVERSATION = "conversation";
    /** Counters in the handler state. */
    static final String BATCHES = "batches_processed";
    static final String MESSAGES = "messages_processed";
    static final String FIRED = "triggers_fired";
    /**
     * How the conversation state is read: the counters as numbers (read untyped, the original's rules would turn
     * a stored {@code 1} into {@code true}).
     */
    static final FieldTypes CONVERSATION_TYPES = FieldTypes.builder()
            .field(BATCHES, Long.class).field(MESSAGES, Long.class).field(FIRED, Long.class)
            .field("last_batch_size", Long.class)
            .build();
    /** The largest batch one trigger drains at once. */
    static final int MAX_BATCH = 1_000;
}
