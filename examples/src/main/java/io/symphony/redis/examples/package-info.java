/**
 * The runnable demo: a WebFlux chat service in the original's production scenario. Each message is enqueued in a
 * {@link io.symphony.redis.repository.RedisBatch} and re-arms the debounce trigger {@code process_message_batch};
 * when the user has been quiet for the debounce time the trigger fires once, the batch is claimed and acknowledged
 * exactly once, the conversation's handler state is merged atomically and a synchronous tool records its result
 * in the user's shared state. {@link io.symphony.redis.examples.ChatDemo} is the entry point.
 */
@NullMarked
package io.symphony.redis.examples;

import org.jspecify.annotations.NullMarked;
