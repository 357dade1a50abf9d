/**
 * Spring Boot auto-configuration: adding the {@code symphony-redis-webflux} dependency to a Boot application
 * creates the runtime from {@code symphony.redis.*} properties (closed on shutdown), the repository support, the
 * request filter with its tenant resolver, the trigger registry and the trigger listener.
 */
@NullMarked
package io.symphony.redis.webflux.autoconfigure;

import org.jspecify.annotations.NullMarked;
