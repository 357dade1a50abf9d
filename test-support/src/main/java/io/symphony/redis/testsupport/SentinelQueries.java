package io.symphony.redis.testsupport;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Asks the sentinels of one set-up about the master they monitor, over one cached Lettuce sentinel connection per
 * sentinel. A sentinel that does not answer counts as "not agreeing"; commands fail fast while it is unreachable.
 */
final class SentinelQueries {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<Integer> ports;
    private final String masterName;
    private final ClientResources resources;
    private final RedisClient client;
    private final Map<Integer, StatefulRedisSentinelConnection<String, String>> connections = new HashMap<>();

    SentinelQueries(List<Integer> ports, String masterName) {
        this.ports = List.copyOf(ports);
        this.masterName = masterName;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
    }

    /** Return the master port the first answering sentinel reports. */
    synchronized int primaryPort() {
        RuntimeException last = null;
        for (int port : ports) {
            try {
                return reportedPrimaryPort(port);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no sentinel of " + ports + " reports a master '" + masterName + "'", last);
    }

    /** Tell whether every sentinel reports {@code primaryPort} as the master's port. */
    synchronized boolean allReportPrimary(int primaryPort) {
        return ports.stream().allMatch(port -> answers(() -> reportedPrimaryPort(port) == primaryPort));
    }

    /** Tell whether every sentinel lists a replica on {@code replicaPort} that is neither down nor disconnected. */
    synchronized boolean allSeeHealthyReplica(int replicaPort) {
        return ports.stream().allMatch(port -> answers(() -> commands(port).replicas(masterName).stream()
                .anyMatch(replica -> String.valueOf(replicaPort).equals(replica.get("port"))
                        && isHealthy(replica.get("flags")))));
    }

    /** Tell whether every sentinel knows {@code others} other sentinels monitoring the master. */
    synchronized boolean allSeeOtherSentinels(int others) {
        return ports.stream().allMatch(port -> answers(() -> String.valueOf(others)
                .equals(commands(port).master(masterName).get("num-other-sentinels"))));
    }

    /** Describe what one sentinel knows, for error messages. */
    synchronized String describe(int port) {
        try {
            Map<String, String> master = commands(port).master(masterName);
            StringBuilder text = new StringBuilder("master ").append(master.get("port")).append(" flags ")
                    .append(master.get("flags")).append(", other sentinels ").append(master.get("num-other-sentinels"));
            for (Map<String, String> replica : commands(port).replicas(masterName)) {
                text.append(", replica ").append(replica.get("port")).append(" flags ").append(replica.get("flags"));
            }
            return text.toString();
        } catch (RuntimeException e) {
            return "not answering (" + e + ")";
        }
    }

    /** Close every connection and shut the client down. */
    synchronized void close() {
        connections.values().forEach(StatefulRedisSentinelConnection::close);
        connections.clear();
        client.shutdown(Duration.ZERO, TIMEOUT);
        resources.shutdown(0, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(TIMEOUT.toMillis());
    }

    private int reportedPrimaryPort(int sentinelPort) {
        SocketAddress address = commands(sentinelPort).getMasterAddrByName(masterName);
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalStateException("sentinel " + sentinelPort + " knows no master '" + masterName + "'");
        }
        return inet.getPort();
    }

    private RedisSentinelCommands<String, String> commands(int sentinelPort) {
        return connections.computeIfAbsent(sentinelPort, port -> {
            RedisURI uri = RedisURI.create(RedisProcess.HOST, port);
            uri.setTimeout(TIMEOUT);
            return client.connectSentinel(uri);
        }).sync();
    }

    private static boolean isHealthy(@Nullable String flags) {
        return flags != null && !flags.contains("s_down") && !flags.contains("o_down")
                && !flags.contains("disconnected");
    }

    private static boolean answers(java.util.function.BooleanSupplier query) {
        try {
            return query.getAsBoolean();
        } catch (RuntimeException notAnswering) {
            return false;
        }
    }
}
