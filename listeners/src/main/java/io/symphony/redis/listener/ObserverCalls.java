package io.symphony.redis.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link TriggerObserver} callbacks so that an observer's failure never changes what the listener does. */
final class ObserverCalls {

    private static final Logger log = LoggerFactory.getLogger(ObserverCalls.class);

    private ObserverCalls() {
    }

    /** Run {@code call}; what it throws is logged at WARN and dropped. */
    static void run(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Trigger observer failed; the observation is dropped", e);
        }
    }
}
