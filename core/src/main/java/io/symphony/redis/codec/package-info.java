/**
 * The value codec: turns Java values into the strings the Python original stores in Redis, byte for byte, and
 * reads them back either untyped (the original's guessing rules) or typed (no guessing).
 *
 * <p>Everything here is pure, synchronous and thread-safe; it touches neither Redis nor any scheduler. Failures
 * are thrown as {@link io.symphony.redis.CodecException}.
 */
@NullMarked
package io.symphony.redis.codec;

import org.jspecify.annotations.NullMarked;
