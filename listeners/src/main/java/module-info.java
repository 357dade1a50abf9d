/** Symphony Redis listeners: the expiry listener, the handler registry and durable, exactly-once triggers. */
module io.symphony.redis.listeners {
    requires transitive io.symphony.redis.repositories;
    requires io.netty.common;
    requires org.slf4j;

    exports io.symphony.redis.listener;
}
