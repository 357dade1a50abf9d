package io.symphony.redis.ops.internal;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.reactive.RedisAdvancedClusterReactiveCommands;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Guards commands whose keys must share one Redis Cluster hash slot (scripts, {@code LMOVE}): on a Cluster
 * connection, keys in several slots fail before anything is sent, with a message that lists every key and its slot.
 *
 * <p>Redis would refuse them too ({@code CROSSSLOT}), but only naming the first key; checking here also keeps the
 * request off the network. On a standalone or Sentinel connection every key combination is allowed, so nothing is
 * checked there.
 */
final class ClusterSlots {

    /** At most this many keys are listed in the message; the rest are counted. */
    private static final int LISTED_KEYS = 10;

    private ClusterSlots() {
    }

    /**
     * Wrap {@code action} so that on a Cluster connection it first checks that {@code keys} share one slot, and
     * otherwise signals {@link IllegalArgumentException} listing the keys and their slots instead of running; the
     * executor wraps it in {@link io.symphony.redis.RedisCommandException} with the command, first key and pool.
     */
    static <T> Function<RedisClusterReactiveCommands<String, String>, Mono<T>> requireOneSlot(String[] keys,
            Function<RedisClusterReactiveCommands<String, String>, Mono<T>> action) {
        if (keys.length < 2) {
            return action;
        }
        return commands -> commands instanceof RedisAdvancedClusterReactiveCommands && !sameSlot(keys)
                ? Mono.error(new IllegalArgumentException(describe(keys)))
                : action.apply(commands);
    }

    static boolean sameSlot(String[] keys) {
        int slot = SlotHash.getSlot(keys[0]);
        for (int i = 1; i < keys.length; i++) {
            if (SlotHash.getSlot(keys[i]) != slot) {
                return false;
            }
        }
        return true;
    }

    static String describe(String[] keys) {
        // Starts with Redis's own error code, so callers matching CROSSSLOT see the same failure either way.
        StringBuilder message = new StringBuilder("CROSSSLOT: the keys hash to different Redis Cluster slots (");
        for (int i = 0; i < Math.min(keys.length, LISTED_KEYS); i++) {
            message.append(i == 0 ? "" : ", ").append('\'').append(keys[i]).append("' (slot ")
                    .append(SlotHash.getSlot(keys[i])).append(')');
        }
        if (keys.length > LISTED_KEYS) {
            message.append(", +").append(keys.length - LISTED_KEYS).append(" more");
        }
        return message.append("); give them a common hash tag such as {tenant} so they share one slot; "
                + "nothing was sent to Redis").toString();
    }
}
