/**
 * Symphony Redis with Micrometer: meters and observations for the runtime's commands, connections and pools, the
 * repositories and the trigger listener; the trace of a trigger's set continued by its handler; the tenant in MDC.
 */
module io.symphony.redis.micrometer {
    requires transitive io.symphony.redis.listeners;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires transitive context.propagation;
    requires org.slf4j;

    exports io.symphony.redis.micrometer;
}
