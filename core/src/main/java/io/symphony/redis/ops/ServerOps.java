package io.symphony.redis.ops;

import java.util.Map;
import reactor.core.publisher.Mono;

/** Connection and server commands: PING, PUBLISH, CONFIG GET/SET. */
final class ServerOps {

    private final Executor executor;

    ServerOps(Executor executor) {
        this.executor = executor;
    }

    Mono<String> ping(String alias) {
        return executor.mono("PING", null, alias, c -> c.ping());
    }

    Mono<Long> publish(String channel, String message, String alias) {
        Args.notNull(channel, "channel");
        Args.notNull(message, "message");
        return executor.mono("PUBLISH", channel, alias, c -> c.publish(channel, message));
    }

    Mono<Map<String, String>> configGet(String parameter, String alias) {
        Args.notNull(parameter, "parameter");
        return executor.mono("CONFIG GET", parameter, alias, c -> c.configGet(parameter));
    }

    Mono<Void> configSet(String parameter, String value, String alias) {
        Args.notNull(parameter, "parameter");
        Args.notNull(value, "value");
        return executor.mono("CONFIG SET", parameter, alias, c -> c.configSet(parameter, value)).then();
    }
}
