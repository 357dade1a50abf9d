/**
 * Low-level reactive Redis operations: one method per Redis command (plus a few atomic Lua combinations), bound to
 * one pool alias. {@code ops.onPool("user")} returns the operations bound to the {@code user} pool;
 * {@code runtime.ops()} is bound to {@code "default"}.
 *
 * <p>Contract shared by every operation of {@link io.symphony.redis.ops.RedisOps}:
 * <ul>
 *   <li>Publishers are cold and lazy: nothing is sent until subscription, and every subscription sends the
 *       command again.</li>
 *   <li>Argument errors are thrown at call time: a {@code null} key, value or alias throws
 *       {@link java.lang.NullPointerException}; an empty collection where Redis needs at least one element, a
 *       non-positive TTL or count, or an unknown alias throws {@link java.lang.IllegalArgumentException}.</li>
 *   <li>Absence is an empty publisher, never {@code null}: reading a missing key or field completes empty.</li>
 *   <li>Every failure of Redis itself (an error reply such as {@code WRONGTYPE}, a broken connection, a timeout)
 *       arrives as {@code onError} with {@link io.symphony.redis.RedisCommandException} naming the command, the
 *       key and the alias, with the client's exception as its cause. Nothing is swallowed or replaced by a
 *       fallback value.</li>
 *   <li>Combined operations ({@code hsetWithExpire}, {@code hincrbyWithExpire}, {@code rpushAndSadd}) run as one
 *       Lua script, atomically on the server, never as {@code MULTI}: the default connection is shared and
 *       multiplexed, so a transaction would interleave with other callers.</li>
 *   <li>Signals arrive on the Lettuce I/O thread of the connection (or on the scheduler configured with
 *       Lettuce's {@code publishOnScheduler}); do not block in downstream operators.</li>
 *   <li>Cancelling after the command was written does not undo it on the server; the reply is discarded.</li>
 * </ul>
 *
 * <p>Values are already-encoded strings; encoding objects is the codec layer's job.
 */
@NullMarked
package io.symphony.redis.ops;

import org.jspecify.annotations.NullMarked;
