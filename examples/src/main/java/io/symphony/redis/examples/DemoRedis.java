package io.symphony.redis.examples;

import io.symphony.redis.testsupport.PrivateRedisServer;
import org.jspecify.annotations.Nullable;

/**
 * The Redis the demo talks to: {@code REDIS_URL} when set, else a private server started here (redis-server from
 * {@code PATH}, else the binary shipped in embedded-redis) with expiry events on.
 */
final class DemoRedis implements AutoCloseable {

    private final String url;
    private final @Nullable PrivateRedisServer started;

    private DemoRedis(String url, @Nullable PrivateRedisServer started) {
        this.url = url;
        this.started = started;
    }

    static DemoRedis resolve() {
        String given = System.getenv("REDIS_URL");
        if (given != null && !given.isBlank()) {
            System.out.println("Using the Redis in REDIS_URL (" + given.replaceAll("//[^@/]*@", "//***@") + ")");
            return new DemoRedis(given, null);
        }
        PrivateRedisServer server = PrivateRedisServer.start("--notify-keyspace-events", "Ex");
        System.out.println("No REDIS_URL given: started an embedded Redis (" + server.source() + ") at "
                + server.uri() + "; it stops when the demo exits");
        return new DemoRedis(server.uri(), server);
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
