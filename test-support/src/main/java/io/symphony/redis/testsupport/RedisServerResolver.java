package io.symphony.redis.testsupport;

import java.net.URI;

/** Picks the shared server: REDIS_URL, else a redis-server process we start. */
final class RedisServerResolver {

    private RedisServerResolver() {
    }

    static TestRedis resolve() {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.trim());
            int port = uri.getPort() < 0 ? 6379 : uri.getPort();
            return new TestRedis(uri.getHost(), port, "REDIS_URL");
        }
        RedisProcess process = RedisProcess.start();
        return new TestRedis("127.0.0.1", process.port(), process.source());
    }
}
