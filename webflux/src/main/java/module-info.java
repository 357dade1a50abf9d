/**
 * Symphony Redis for Spring WebFlux: the request filter binding each request's shared state, the synchronous tool
 * base class and the Spring Boot auto-configuration.
 */
module io.symphony.redis.webflux {
    requires transitive io.symphony.redis.listeners;
    requires transitive spring.web;
    requires transitive spring.webflux;
    requires spring.core;
    requires spring.beans;
    requires spring.context;
    requires static spring.boot;
    requires static spring.boot.autoconfigure;
    requires org.slf4j;

    exports io.symphony.redis.webflux;
    exports io.symphony.redis.webflux.autoconfigure;
    // Spring creates the auto-configuration and binds the properties reflectively.
    opens io.symphony.redis.webflux.autoconfigure to spring.core, spring.beans, spring.context, spring.boot;
}
