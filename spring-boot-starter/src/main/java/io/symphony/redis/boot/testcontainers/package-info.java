/**
 * {@code @ServiceConnection} support: a Redis Testcontainers container in a test becomes the application's
 * {@link io.symphony.redis.boot.SymphonyRedisConnectionDetails}. Used only where Testcontainers and
 * spring-boot-testcontainers are on the test class path.
 */
@NullMarked
package io.symphony.redis.boot.testcontainers;

import org.jspecify.annotations.NullMarked;
