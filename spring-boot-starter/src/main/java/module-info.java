/**
 * Symphony Redis for Spring Boot: the auto-configuration, its properties and metadata, health indicators, failure
 * analyzers and customizer interfaces.
 */
module io.symphony.redis.boot {
    requires transitive io.symphony.redis.webflux;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires static spring.boot.health;
    requires static io.symphony.redis.micrometer;
    requires static spring.boot.testcontainers;
    requires static testcontainers;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    requires org.slf4j;

    exports io.symphony.redis.boot;
    exports io.symphony.redis.boot.testcontainers;
    // Spring creates the auto-configuration, binds the properties and loads the analyzers and factories reflectively.
    opens io.symphony.redis.boot to spring.core, spring.beans, spring.context, spring.boot;
    opens io.symphony.redis.boot.testcontainers to spring.core, spring.boot;
}
