/**
 * Symphony Redis for Spring WebFlux: the request filter binding each request's shared state and the synchronous tool
 * base class. The Spring Boot auto-configuration is in {@code io.symphony.redis.boot}.
 */
module io.symphony.redis.webflux {
    requires transitive io.symphony.redis.listeners;
    requires transitive spring.web;
    requires transitive spring.webflux;
    requires spring.core;
    requires org.slf4j;

    exports io.symphony.redis.webflux;
}
