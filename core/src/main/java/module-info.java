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
    requires reactor.pool;
    requires io.netty.common;
    requires io.netty.transport;
    requires org.slf4j;

    exports io.symphony.redis;
    exports io.symphony.redis.codec;
    exports io.symphony.redis.config;
    exports io.symphony.redis.connection;
    exports io.symphony.redis.context;
    exports io.symphony.redis.keys;
    exports io.symphony.redis.ops;
    exports io.symphony.redis.runtime;

    // Shared with the toolkit's own modules only; no compatibility promise.
    exports io.symphony.redis.config.internal to io.symphony.redis.listeners, io.symphony.redis.boot;
    exports io.symphony.redis.connection.internal to io.symphony.redis.listeners;
    exports io.symphony.redis.runtime.internal to io.symphony.redis.listeners;
}
