package io.symphony.redis.context;

import io.symphony.redis.SymphonyRedisException;
import java.time.Duration;

/**
 * A Redis call awaited by a blocking tool did not finish within the bridge's timeout; the call was cancelled.
 *
 * @since 0.1
 */
public class ToolTimeoutException extends SymphonyRedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param timeout the timeout that elapsed
     */
    public ToolTimeoutException(Duration timeout) {
        super("A Redis call awaited by a blocking tool did not complete within " + timeout + " and was cancelled");
    }
}
