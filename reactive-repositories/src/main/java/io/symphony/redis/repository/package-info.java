/**
 * Tenant-scoped reactive repositories: users, shared state, handler state, tables, batches, triggers and generic
 * values, wire-compatible with the Python original and atomic on the server.
 *
 * <p>Every method returns a cold {@code Mono}/{@code Flux}: nothing reaches Redis until it is subscribed, and each
 * subscription repeats the work. Argument errors (empty or illegal ids, non-positive TTLs, empty records) are thrown
 * at call time, before anything reaches Redis. Redis failures arrive as {@link io.symphony.redis.RedisCommandException}
 * and undecodable values as {@link io.symphony.redis.CodecException}, both naming key (and field). A missing record
 * or field is an empty publisher, never {@code null}.
 */
@NullMarked
package io.symphony.redis.repository;

import org.jspecify.annotations.NullMarked;
