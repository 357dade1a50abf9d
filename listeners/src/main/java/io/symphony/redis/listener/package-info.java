/**
 * The expiry listener: a hot {@code Flux} of trigger events, the handler registry, and durable triggers that are
 * never lost and never run twice.
 */
@NullMarked
package io.symphony.redis.listener;

import org.jspecify.annotations.NullMarked;
