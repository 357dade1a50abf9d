/**
 * Spring Boot auto-configuration of Symphony Redis: adding {@code symphony-redis-spring-boot-starter} to a Boot
 * application creates the runtime from {@code symphony.redis.*} properties (closed on shutdown), the repositories,
 * the request filter with its tenant resolver, the trigger registry (with every bean's {@code @OnTrigger} methods)
 * and the trigger listener (a {@code SmartLifecycle}); with Boot's health support, health indicators per pool target
 * and for the listener. Customizer beans adjust the builders;
 * {@link io.symphony.redis.boot.SymphonyRedisConnectionDetails} says where to connect.
 */
@NullMarked
package io.symphony.redis.boot;

import org.jspecify.annotations.NullMarked;
