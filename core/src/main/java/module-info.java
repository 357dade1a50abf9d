/**
 * Symphony Redis core: configuration, connections, the ops layer, keys, the value codec, Context helpers, the
 * blocking bridge and the runtime.
 */
module io.symphony.redis.core {
    requires transitive lettuce.core;
    requires transitive reactor.core;
    requires transitive tools.jackson.databind;
    requires transitive org.jspecify;
    requires transitive org.reactivestreams;
    requires io.netty.common;
    requires io.netty.transport;
    requires org.slf4j;
    requires reactor.pool;

    exports io.symphony.redis;
    exports io.symphony.redis.codec;
    exports io.symphony.redis.config;
    exports io.symphony.redis.connection;
    exports io.symphony.redis.context;
    exports io.symphony.redis.keys;
    exports io.symphony.redis.ops;
    exports io.symphony.redis.runtime;
    exports io.symphony.redis.connection.internal to io.symphony.redis.listeners;
}
