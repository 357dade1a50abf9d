/**
 * Real Redis servers for tests: the JVM-wide shared server ({@link io.symphony.redis.testsupport.TestRedis}),
 * private servers a test may kill and restart ({@link io.symphony.redis.testsupport.PrivateRedisServer}), the
 * JUnit 5 extension that injects both ({@link io.symphony.redis.testsupport.RedisExtension},
 * {@link io.symphony.redis.testsupport.RedisTest}), a local Redis Cluster
 * ({@link io.symphony.redis.testsupport.LocalRedisCluster}), and one suite run on the shared standalone server and
 * on the shared Cluster ({@link io.symphony.redis.testsupport.Topology},
 * {@link io.symphony.redis.testsupport.OnEveryTopology}).
 *
 * <p>Everything here blocks: it is test infrastructure, never library code. Only processes the kit started are
 * ever stopped, always by the pid it got when starting them.
 */
@NullMarked
package io.symphony.redis.testsupport;

import org.jspecify.annotations.NullMarked;
