/**
 * Implementation of the {@link io.symphony.redis.ops} capability interfaces: one class per Redis concept, each
 * bound to one pool alias, plus the shared argument checks, error translation and Cluster slot guard.
 *
 * <p>This package carries no compatibility promise: its types may change or disappear in any release. Use the
 * interfaces of {@link io.symphony.redis.ops} ({@link io.symphony.redis.ops.RedisOps} and its capabilities)
 * instead.
 */
@NullMarked
package io.symphony.redis.ops.internal;

import org.jspecify.annotations.NullMarked;
