package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.testsupport.OnEveryTopology;
import io.symphony.redis.testsupport.Topology;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import reactor.test.StepVerifier;

/**
 * The configuration's Lettuce customizers reach the clients and resources the runtime creates: on a standalone
 * server and on a Redis Cluster (whose clients take a {@code ClusterClientOptions.Builder}).
 */
@OnEveryTopology
class ClientCustomizersIntegrationTests {

    @Parameter
    Topology topology;

    private SymphonyRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close().block(RuntimeResource.CLOSE_TIMEOUT);
        }
    }

    @Test
    void clientOptionsCustomizer_runsAfterTheToolkitsOptions_onEveryClient() {
        // Lettuce speaks RESP3 (HELLO 3) to a Redis 6+ server unless told otherwise
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false)
                        .clientOptionsCustomizer(options -> options.protocolVersion(ProtocolVersion.RESP3))
                        .clientOptionsCustomizer(options -> options.protocolVersion(ProtocolVersion.RESP2))
                        .build())
                .block(RuntimeResource.CREATE_TIMEOUT);

        runtime.connections().withCommands(PoolAliases.DEFAULT, commands -> commands.clientInfo())
                .as(StepVerifier::create)
                .assertNext(info -> assertThat(info).as("the later customizer wins").contains("resp=2"))
                .verifyComplete();
    }

    @Test
    void clientResourcesCustomizers_runInOrder_onTheResourcesTheRuntimeCreates() {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(topology.url()).keyspaceEvents(false)
                        .clientResourcesCustomizer(resources -> resources.commandLatencyRecorder(recorder(first)))
                        .clientResourcesCustomizer(resources -> resources.commandLatencyRecorder(recorder(second)))
                        .build())
                .block(RuntimeResource.CREATE_TIMEOUT);

        runtime.ops().ping().as(StepVerifier::create).expectNext("PONG").verifyComplete();

        assertThat(second).as("the recorder set by the later customizer sees the commands").contains("PING");
        assertThat(first).isEmpty();
        assertThat(runtime.config().clientResourcesCustomizers()).hasSize(2);
    }

    @Test
    void clientResourcesCustomizers_areNotAppliedToCallerOwnedResources() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ClientResources own = DefaultClientResources.create();
        try {
            runtime = SymphonyRuntime.create(SymphonyRedisConfig.builder().url(topology.url())
                            .keyspaceEvents(false)
                            .clientResourcesCustomizer(resources -> resources.commandLatencyRecorder(recorder(seen)))
                            .build(), own)
                    .block(RuntimeResource.CREATE_TIMEOUT);

            runtime.ops().ping().as(StepVerifier::create).expectNext("PONG").verifyComplete();

            assertThat(seen).isEmpty();
        } finally {
            runtime.close().block(RuntimeResource.CLOSE_TIMEOUT);
            runtime = null;
            own.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(Duration.ofSeconds(5).toMillis());
        }
    }

    private static CommandLatencyRecorder recorder(List<String> commands) {
        return (SocketAddress local, SocketAddress remote, ProtocolKeyword type, long first, long completion) ->
                commands.add(type.toString());
    }
}
