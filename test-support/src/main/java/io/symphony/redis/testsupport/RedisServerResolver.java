package io.symphony.redis.testsupport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the shared server in the order documented on {@link TestRedis}, and logs the choice. */
final class RedisServerResolver {

    private static final Logger LOG = LoggerFactory.getLogger(TestRedis.class);
    private static final String REDIS_URL = "REDIS_URL";
    private static final String TESTCONTAINERS_PROBE = "org.testcontainers.DockerClientFactory";

    private RedisServerResolver() {
    }

    /** Resolve the shared server from the environment. */
    static TestRedis resolve() {
        Optional<ServerSource> forced = ServerSource.forced();
        if (forced.isPresent()) {
            return chosen(start(forced.get()), ServerSource.FORCE_PROPERTY + " forces it");
        }
        String url = System.getenv(REDIS_URL);
        if (url != null && !url.isBlank()) {
            return chosen(fromUrl(url), REDIS_URL + " is set");
        }
        Optional<RedisBinary> onPath = RedisBinary.onPath();
        if (onPath.isPresent()) {
            return chosen(startProcess(onPath.get()), "redis-server is on PATH");
        }
        if (RedisBinary.embeddedAvailable()) {
            return chosen(start(ServerSource.EMBEDDED), "no redis-server on PATH");
        }
        if (testcontainersOnClassPath() && TestcontainersRedis.dockerAvailable()) {
            return chosen(start(ServerSource.TESTCONTAINERS), "no redis-server binary for this platform");
        }
        throw new IllegalStateException("no Redis for tests: set REDIS_URL, put redis-server on PATH, or run on a "
                + "platform embedded-redis supports, or add Testcontainers and start Docker");
    }

    /**
     * Start (or, for {@link ServerSource#REDIS_URL}, connect to) a server from one source, skipping the order.
     * Tests use this to exercise one path regardless of the environment.
     */
    static TestRedis start(ServerSource source) {
        switch (source) {
            case REDIS_URL:
                String url = System.getenv(REDIS_URL);
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException(REDIS_URL + " is not set");
                }
                return fromUrl(url);
            case PATH:
            case EMBEDDED:
                return startProcess(RedisBinary.of(source));
            case TESTCONTAINERS:
                if (!testcontainersOnClassPath()) {
                    throw new IllegalStateException("org.testcontainers:testcontainers is not on the class path");
                }
                return TestcontainersRedis.start();
            default:
                throw new IllegalArgumentException("unknown source " + source);
        }
    }

    /**
     * Describe the external server named by {@code url}; its DB is ignored.
     *
     * @throws IllegalStateException when {@code url} is not a {@code redis://} or {@code rediss://} URL with a host
     */
    static TestRedis fromUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(REDIS_URL + " is not a URI", e);
        }
        String scheme = uri.getScheme();
        if ((!"redis".equals(scheme) && !"rediss".equals(scheme)) || uri.getHost() == null) {
            throw new IllegalStateException(REDIS_URL + " must look like redis://[[user]:password@]host[:port][/db]");
        }
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        return new TestRedis(scheme, uri.getRawUserInfo(), uri.getHost(), port, ServerSource.REDIS_URL, null);
    }

    private static TestRedis startProcess(RedisBinary binary) {
        RedisProcess process = RedisProcess.startOnFreePort(binary, List.of());
        return new TestRedis("redis", null, RedisProcess.HOST, process.port(), binary.source(), process::shutdown);
    }

    private static boolean testcontainersOnClassPath() {
        try {
            Class.forName(TESTCONTAINERS_PROBE, false, RedisServerResolver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static TestRedis chosen(TestRedis redis, String reason) {
        LOG.info("Shared test Redis: {} ({})", redis, reason);
        return redis;
    }
}
