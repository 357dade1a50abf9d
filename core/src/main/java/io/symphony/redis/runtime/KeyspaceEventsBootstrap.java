package io.symphony.redis.runtime;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisAdvancedClusterReactiveCommands;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.symphony.redis.SymphonyRedisException;
import io.symphony.redis.connection.PoolAlias;
import io.symphony.redis.connection.RedisConnections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ensures {@code notify-keyspace-events} contains the configured flags on every distinct server: it only adds the
 * missing flags ({@code CONFIG GET} then {@code CONFIG SET old+missing}), never removes any. When the server refuses
 * {@code CONFIG} (managed Redis, ACL), it logs one warning per server and start-up goes on; any other failure
 * (connection lost, timeout) fails start-up.
 *
 * <p>On Redis Cluster {@code CONFIG} acts on one node only, so the flags are ensured on every node of the topology
 * the cluster connection knows, primaries and replicas alike: a replica promoted by a failover must already emit
 * expired events. Nodes the cluster marks as failed (or without address, or still in handshake), and nodes that
 * cannot be connected to (down, but not flagged yet: that takes the cluster's {@code cluster-node-timeout}), are
 * skipped with a warning. {@code CONFIG SET} is not persisted, so nodes that restart or join later need the flags in
 * their own configuration (the expiry listener checks each primary it subscribes).
 */
final class KeyspaceEventsBootstrap {

    private static final Logger log = LoggerFactory.getLogger(KeyspaceEventsBootstrap.class);
    private static final String PARAMETER = KeyspaceEventFlags.PARAMETER;
    private static final Set<NodeFlag> UNREACHABLE = EnumSet.of(NodeFlag.FAIL, NodeFlag.NOADDR, NodeFlag.HANDSHAKE);

    private KeyspaceEventsBootstrap() {
    }

    static Mono<Void> ensure(RedisConnections connections, String flags) {
        Map<String, String> aliasPerServer = new LinkedHashMap<>();
        for (String alias : connections.aliases()) {
            PoolAlias pool = connections.alias(alias);
            aliasPerServer.putIfAbsent(pool.endpoint(), alias);
        }
        return Flux.fromIterable(aliasPerServer.values())
                .concatMap(alias -> ensureOn(connections, alias, flags))
                .then();
    }

    private static Mono<Void> ensureOn(RedisConnections connections, String alias, String flags) {
        String endpoint = connections.alias(alias).endpoint();
        return connections.withCommands(alias,
                commands -> commands instanceof RedisAdvancedClusterReactiveCommands<String, String> cluster
                        ? ensureOnEveryNode(cluster.getStatefulConnection(), alias, flags)
                        : ensureOnNode(commands, flags, endpoint));
    }

    private static Mono<Void> ensureOnEveryNode(StatefulRedisClusterConnection<String, String> cluster, String alias,
            String flags) {
        List<RedisClusterNode> nodes = List.copyOf(cluster.getPartitions().getPartitions());
        return Flux.fromIterable(nodes)
                .filter(node -> reachable(node, alias))
                .concatMap(node -> {
                    String where = "pool '" + alias + "' cluster node " + node.getUri().getHost() + ":"
                            + node.getUri().getPort() + " (" + node.getRole() + ")";
                    return Mono.fromCompletionStage(() -> cluster.getConnectionAsync(node.getNodeId()))
                            // Down but not flagged yet (the cluster takes cluster-node-timeout to flag it): the
                            // same as a node flagged FAIL, which is skipped too.
                            .onErrorResume(RedisConnectionException.class, error -> {
                                log.warn("Skipping {}: cannot connect ({}); it will not emit expired events until "
                                        + "it is configured with notify-keyspace-events", where, error.getMessage());
                                return Mono.empty();
                            })
                            .flatMap(connection -> ensureOnNode(connection.reactive(), flags, where))
                            .onErrorMap(error -> new SymphonyRedisException("Could not ensure " + PARAMETER + " '"
                                    + flags + "' on " + where + ": " + error.getMessage(), error));
                })
                .then();
    }

    private static boolean reachable(RedisClusterNode node, String alias) {
        if (node.getFlags().stream().noneMatch(UNREACHABLE::contains)) {
            return true;
        }
        log.warn("Skipping cluster node {} of pool '{}' flagged {}: it will not emit expired events until it is "
                + "configured with notify-keyspace-events", node.getUri(), alias, node.getFlags());
        return false;
    }

    private static Mono<Void> ensureOnNode(RedisClusterReactiveCommands<String, String> commands, String flags,
            String where) {
        return commands.configGet(PARAMETER)
                .map(current -> current.getOrDefault(PARAMETER, ""))
                .flatMap(current -> {
                    String missing = KeyspaceEventFlags.missing(current, flags);
                    if (missing.isEmpty()) {
                        return Mono.<Void>empty();
                    }
                    log.info("Adding '{}' to notify-keyspace-events '{}' on {}", missing, current, where);
                    return commands.configSet(PARAMETER, current + missing).then();
                })
                // Only a refusal by the server (CONFIG renamed, NOPERM) is tolerated; a lost connection fails start-up.
                .onErrorResume(RedisCommandExecutionException.class, error -> {
                    log.warn("Could not ensure notify-keyspace-events '{}' on {} ({}): expiry events will only "
                            + "arrive if the server is configured for them", flags, where, error.getMessage());
                    return Mono.empty();
                });
    }
}
