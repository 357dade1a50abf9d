package io.symphony.redis.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Report a rejected {@code symphony.redis.*} property at start-up by its name, its value and the reason, instead of
 * the stack of bean creation failures around it.
 */
final class InvalidPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSymphonyRedisPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSymphonyRedisPropertyException cause) {
        String value = cause.value() == null ? "is not set" : "has the value '" + cause.value() + "'";
        String description = "The Symphony Redis property '" + cause.property() + "' " + value + ", which the toolkit "
                + "rejects: " + cause.reason();
        String action = "Set '" + cause.property() + "' to a valid value (see the symphony.redis.* properties in the "
                + "Symphony Redis README, or your IDE's completion).";
        return new FailureAnalysis(description, action, cause);
    }
}
