package io.symphony.redis.testsupport;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Judges, from what every live node says ({@code CLUSTER INFO}, {@code CLUSTER NODES}, {@code INFO replication}),
 * whether a {@link LocalRedisCluster} is healthy, and names the first thing that is not.
 */
final class ClusterHealth {

    /** Number of hash slots of a Redis Cluster. */
    static final int SLOTS = 16384;

    private ClusterHealth() {
    }

    /**
     * Return the first problem, or empty when: every live node says {@code cluster_state:ok}, knows every node of
     * the cluster (no handshake), sees no live node as failing, agrees with the others on which node serves each of
     * the 16384 slots and on every live node's role and primary; every slot is served by a live primary; and every
     * live replica's link to its primary is up.
     */
    static Optional<String> problem(List<ClusterNode> nodes) {
        Map<String, ClusterNode> byId = new HashMap<>();
        nodes.forEach(node -> byId.put(node.nodeId(), node));
        List<ClusterNode> live = nodes.stream().filter(ClusterNode::isRunning).toList();
        if (live.isEmpty()) {
            return Optional.of("no node is running");
        }
        try {
            Map<ClusterNode, Partitions> views = new LinkedHashMap<>();
            for (ClusterNode node : live) {
                String info = node.sync().clusterInfo();
                if (!info.contains("cluster_state:ok")) {
                    return Optional.of(node + " reports " + field(info, "cluster_state"));
                }
                views.put(node, ClusterPartitionParser.parse(node.sync().clusterNodes()));
            }
            Map<String, String> selfRole = new HashMap<>();
            for (Map.Entry<ClusterNode, Partitions> view : views.entrySet()) {
                ClusterNode node = view.getKey();
                RedisClusterNode self = find(view.getValue(), node.nodeId());
                if (self == null) {
                    return Optional.of(node + " does not list itself");
                }
                selfRole.put(node.nodeId(), role(self));
            }
            String @Nullable [] agreed = null;
            @Nullable ClusterNode agreedBy = null;
            for (Map.Entry<ClusterNode, Partitions> view : views.entrySet()) {
                ClusterNode node = view.getKey();
                Optional<String> viewProblem = viewProblem(node, view.getValue(), byId, selfRole);
                if (viewProblem.isPresent()) {
                    return viewProblem;
                }
                String[] owners = slotOwners(view.getValue());
                if (agreed == null) {
                    agreed = owners;
                    agreedBy = node;
                } else if (!Arrays.equals(agreed, owners)) {
                    int slot = Arrays.mismatch(agreed, owners);
                    return Optional.of(agreedBy + " and " + node + " disagree on slot " + slot + ": " + agreed[slot]
                            + " vs " + owners[slot]);
                }
            }
            if (agreed == null) {
                return Optional.of("no node is running");
            }
            for (int slot = 0; slot < SLOTS; slot++) {
                ClusterNode owner = agreed[slot] == null ? null : byId.get(agreed[slot]);
                if (owner == null || !owner.isRunning()) {
                    return Optional.of("slot " + slot + " is served by " + (owner == null ? agreed[slot] : owner)
                            + ", which is not a running node of this cluster");
                }
            }
            for (ClusterNode node : live) {
                String role = selfRole.get(node.nodeId());
                if (role != null && role.startsWith("replica")) {
                    String replication = node.sync().info("replication");
                    if (!replication.contains("master_link_status:up")) {
                        return Optional.of(node + " is a replica with " + field(replication, "master_link_status"));
                    }
                }
            }
            return Optional.empty();
        } catch (RedisException e) {
            return Optional.of("a node did not answer: " + e);
        }
    }

    /** Return, for each slot, the id of the primary that {@code view} says serves it, or null. */
    static String[] slotOwners(Partitions view) {
        String[] owners = new String[SLOTS];
        for (RedisClusterNode node : view) {
            if (isPrimary(node)) {
                node.forEachSlot(slot -> owners[slot] = node.getNodeId());
            }
        }
        return owners;
    }

    /** Return the entry for {@code nodeId} in {@code view}, or null. */
    static @Nullable RedisClusterNode find(Partitions view, String nodeId) {
        for (RedisClusterNode node : view) {
            if (node.getNodeId().equals(nodeId)) {
                return node;
            }
        }
        return null;
    }

    /** Tell whether a {@code CLUSTER NODES} entry is flagged primary. */
    static boolean isPrimary(RedisClusterNode node) {
        return node.is(NodeFlag.UPSTREAM); // also true for the "master" flag
    }

    private static Optional<String> viewProblem(ClusterNode node, Partitions view, Map<String, ClusterNode> byId,
            Map<String, String> selfRole) {
        if (view.size() != byId.size()) {
            return Optional.of(node + " knows " + view.size() + " of " + byId.size() + " nodes");
        }
        for (RedisClusterNode entry : view) {
            ClusterNode known = byId.get(entry.getNodeId());
            if (known == null || entry.is(NodeFlag.HANDSHAKE) || entry.is(NodeFlag.NOADDR)) {
                return Optional.of(node + " lists " + entry.getNodeId() + " " + entry.getFlags()
                        + ", not yet a known node of this cluster");
            }
            String ownRole = selfRole.get(entry.getNodeId());
            if (ownRole == null) {
                continue; // not running: its own word is unknown, others may still list it as anything
            }
            if (entry.is(NodeFlag.FAIL) || entry.is(NodeFlag.EVENTUAL_FAIL)) {
                return Optional.of(node + " sees running " + known + " as " + entry.getFlags());
            }
            if (!Objects.equals(ownRole, role(entry))) {
                return Optional.of(node + " sees " + known + " as " + role(entry) + " but it says " + ownRole);
            }
        }
        return Optional.empty();
    }

    private static String role(RedisClusterNode entry) {
        return isPrimary(entry) ? "primary" : "replica of " + entry.getSlaveOf();
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.trim();
            }
        }
        return "no " + name;
    }

    /**
     * Return, for each slot, the running node that serves it by its own word ({@code CLUSTER NODES} "myself" line);
     * when two claim a slot (an old primary restarted before it heard of its failover), the one with the higher
     * config epoch wins, as in Redis itself. Null where no running node claims the slot.
     */
    static @Nullable ClusterNode[] selfDeclaredOwners(List<ClusterNode> nodes) {
        ClusterNode[] owners = new ClusterNode[SLOTS];
        long[] epochs = new long[SLOTS];
        for (ClusterNode node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            RedisClusterNode self;
            try {
                self = find(ClusterPartitionParser.parse(node.sync().clusterNodes()), node.nodeId());
            } catch (RedisException downMeanwhile) {
                continue; // killed or restarting between isRunning() and the command: it serves nothing now
            }
            if (self == null || !isPrimary(self)) {
                continue;
            }
            long epoch = self.getConfigEpoch();
            self.forEachSlot(slot -> {
                if (owners[slot] == null || epoch > epochs[slot]) {
                    owners[slot] = node;
                    epochs[slot] = epoch;
                }
            });
        }
        return owners;
    }
}
