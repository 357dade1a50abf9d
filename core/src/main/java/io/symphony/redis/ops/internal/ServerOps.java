package io.symphony.redis.ops.internal;

import io.symphony.redis.ops.ServerOperations;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Connection and server commands: PING, PUBLISH, CONFIG GET/SET. */
public final class ServerOps implements ServerOperations {

    private final Executor executor;

    /** Bind the commands to the executor's alias. */
    public ServerOps(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Mono<String> ping() {
        return executor.mono("PING", null, c -> c.ping());
    }

    @Override
    public Mono<Long> publish(String channel, String message) {
        Args.notNull(channel, "channel");
        Args.notNull(message, "message");
        return executor.mono("PUBLISH", channel, c -> c.publish(channel, message));
    }

    @Override
    public Mono<Map<String, String>> configGet(String parameter) {
        Args.notNull(parameter, "parameter");
        return executor.mono("CONFIG GET", parameter, c -> c.configGet(parameter));
    }

    @Override
    public Mono<Void> configSet(String parameter, String value) {
        Args.notNull(parameter, "parameter");
        Args.notNull(value, "value");
        return executor.mono("CONFIG SET", parameter, c -> c.configSet(parameter, value)).then();
    }
}
