package io.symphony.redis.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts a {@code redis:7-alpine} container. Kept apart so that Testcontainers, an optional dependency, is only
 * loaded when this last resort is actually used.
 */
final class TestcontainersRedis {

    private static final DockerImageName IMAGE = DockerImageName.parse("redis:7-alpine");
    private static final int REDIS_PORT = 6379;

    private TestcontainersRedis() {
    }

    /** Tell whether Docker answers. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Start the container; it is stopped when the returned server is closed, or by Testcontainers at exit. */
    static TestRedis start() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(REDIS_PORT);
        container.start();
        return new TestRedis("redis", null, container.getHost(), container.getMappedPort(REDIS_PORT),
                ServerSource.TESTCONTAINERS, container::stop);
    }
}
