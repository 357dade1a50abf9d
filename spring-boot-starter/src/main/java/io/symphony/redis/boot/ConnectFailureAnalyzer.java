package io.symphony.redis.boot;

import io.symphony.redis.RedisConnectException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Report a pool alias that could not connect at start-up by the properties that point it at its server. */
final class ConnectFailureAnalyzer extends AbstractFailureAnalyzer<RedisConnectException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisConnectException cause) {
        String description = "Symphony Redis could not connect pool alias '" + cause.pool() + "' to "
                + cause.endpoint() + " (" + cause.reason() + "): " + cause.getMessage();
        String action = "Check that Redis runs at " + cause.endpoint() + " and accepts the credentials, or point "
                + "'symphony.redis.url' (or 'symphony.redis.alias-urls." + cause.pool() + "' for this alias alone) at "
                + "one that does; TLS settings are under 'symphony.redis.tls', the connect timeout is "
                + "'symphony.redis.connect-timeout'.";
        return new FailureAnalysis(description, action, cause);
    }
}
