package io.symphony.redis.runtime;

import io.lettuce.core.RedisCommandExecutionException;
import io.symphony.redis.connection.PoolAlias;
import io.symphony.redis.connection.RedisConnections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ensures {@code notify-keyspace-events} contains the configured flags on every distinct server: it only adds the
 * missing flags ({@code CONFIG GET} then {@code CONFIG SET old+missing}), never removes any. When the server refuses
 * {@code CONFIG} (managed Redis, ACL), it logs one warning per server and start-up goes on; any other failure
 * (connection lost, timeout) fails start-up.
 */
final class KeyspaceEventsBootstrap {

    private static final Logger log = LoggerFactory.getLogger(KeyspaceEventsBootstrap.class);
    private static final String PARAMETER = "notify-keyspace-events";
    /** What Redis's {@code A} flag stands for. */
    private static final String ALL_CLASSES = "g$lshzxetmdn";

    private KeyspaceEventsBootstrap() {
    }

    static Mono<Void> ensure(RedisConnections connections, String flags) {
        if (connections.cluster()) {
            // CONFIG on a cluster connection reaches one node only; the expiry listener ensures it per primary.
            return Mono.empty();
        }
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
        return connections.withCommands(alias, commands -> commands.configGet(PARAMETER)
                .map(current -> current.getOrDefault(PARAMETER, ""))
                .flatMap(current -> {
                    String missing = missingFlags(current, flags);
                    if (missing.isEmpty()) {
                        return Mono.empty();
                    }
                    log.info("Adding '{}' to notify-keyspace-events '{}' on {}", missing, current, endpoint);
                    return commands.configSet(PARAMETER, current + missing).then();
                }))
                // Only a refusal by the server (CONFIG renamed, NOPERM) is tolerated; a lost connection fails start-up.
                .onErrorResume(RedisCommandExecutionException.class, error -> {
                    log.warn("Could not ensure notify-keyspace-events '{}' on {} ({}): expiry events will only "
                            + "arrive if the server is configured for them", flags, endpoint, error.getMessage());
                    return Mono.empty();
                });
    }

    /** The flags of {@code wanted} that {@code current} lacks, honouring {@code A} as an alias. */
    static String missingFlags(String current, String wanted) {
        String effective = current.contains("A") ? current + ALL_CLASSES : current;
        StringBuilder missing = new StringBuilder();
        for (char flag : wanted.toCharArray()) {
            boolean present = flag == 'A' ? current.indexOf('A') >= 0 : effective.indexOf(flag) >= 0;
            if (!present && missing.indexOf(String.valueOf(flag)) < 0) {
                missing.append(flag);
            }
        }
        return missing.toString();
    }
}
