package io.symphony.redis.boot.testcontainers;

import io.symphony.redis.boot.SymphonyRedisConnectionDetails;
import java.util.List;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.containers.Container;

/**
 * Create {@link SymphonyRedisConnectionDetails} for a {@code @ServiceConnection} Redis container (image
 * {@code redis}, {@code redis/redis-stack} or {@code redis/redis-stack-server}), so a test's
 * {@code @SpringBootTest} connects every pool alias to it:
 *
 * <pre>{@code
 * @Container
 * @ServiceConnection
 * static GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
 * }</pre>
 */
final class SymphonyRedisContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<Container<?>, SymphonyRedisConnectionDetails> {

    private static final int REDIS_PORT = 6379;

    SymphonyRedisContainerConnectionDetailsFactory() {
        super(List.of("redis", "redis/redis-stack", "redis/redis-stack-server"));
    }

    @Override
    protected SymphonyRedisConnectionDetails getContainerConnectionDetails(
            ContainerConnectionSource<Container<?>> source) {
        return new ContainerDetails(source);
    }

    /** The container's mapped port on its host, one URL for every alias. */
    private static final class ContainerDetails extends ContainerConnectionDetails<Container<?>>
            implements SymphonyRedisConnectionDetails {

        private ContainerDetails(ContainerConnectionSource<Container<?>> source) {
            super(source);
        }

        @Override
        public String getUrl() {
            return "redis://" + getContainer().getHost() + ":" + getContainer().getMappedPort(REDIS_PORT);
        }
    }
}
