/**
 * Real Redis servers for tests: the JVM-wide shared server ({@link io.symphony.redis.testsupport.TestRedis}),
 * private servers a test may kill and restart ({@link io.symphony.redis.testsupport.PrivateRedisServer}), and the
 * JUnit 5 extension that injects both ({@link io.symphony.redis.testsupport.RedisExtension},
 * {@link io.symphony.redis.testsupport.RedisTest}).
 *
 * <p>Everything here blocks: it is test infrastructure, never library code. Only processes the kit started are
 * ever stopped, always by the pid it got when starting them.
 */
@NullMarked
package io.symphony.redis.testsupport;

import org.jspecify.annotations.NullMarked;
