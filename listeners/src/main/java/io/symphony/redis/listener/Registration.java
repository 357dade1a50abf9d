package io.symphony.redis.listener;

import java.util.Set;

/**
 * A handler registration; cancel it to remove the handler(s).
 *
 * @since 0.1
 */
public interface Registration {

    /** The actions this registration holds. */
    Set<String> actions();

    /** Remove the handler(s); occurrences already running finish. Calling it again does nothing. */
    void cancel();
}
