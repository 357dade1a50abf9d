/**
 * Redis key layouts of the toolkit: one {@link io.symphony.redis.keys.KeyFactory} builds every key, every SCAN
 * {@code MATCH} pattern and every key parser, so that no tenant, user or component can reach into another's
 * namespace.
 *
 * <p>Everything here is pure computation: no Redis command runs, and every method is safe to call from any thread.
 */
@NullMarked
package io.symphony.redis.keys;

import org.jspecify.annotations.NullMarked;
