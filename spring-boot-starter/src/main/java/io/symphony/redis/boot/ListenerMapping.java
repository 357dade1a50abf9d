package io.symphony.redis.boot;

import io.symphony.redis.listener.ExpiryEventsOptions;
import io.symphony.redis.listener.RetryPolicy;
import io.symphony.redis.listener.TriggerListenerOptions;
import io.symphony.redis.listener.TriggerRegistry;
import java.time.Duration;

/**
 * Turn {@code symphony.redis.listener.*} into the registry and listener builders; every rejection names its property
 * (see {@link ConfigMapping#set}).
 */
final class ListenerMapping {

    private static final String LISTENER = "listener.";

    private ListenerMapping() {
    }

    /** The registry builder: namespace, concurrency, broadcast, unhandled actions and retry policy. */
    static TriggerRegistry.Builder registry(SymphonyRedisProperties.Listener l) {
        TriggerRegistry.Builder b = TriggerRegistry.builder();
        ConfigMapping.set(LISTENER + "namespace", l.getNamespace(), () -> b.namespace(l.getNamespace()));
        ConfigMapping.set(LISTENER + "concurrency", l.getConcurrency(), () -> b.concurrency(l.getConcurrency()));
        b.broadcast(l.isBroadcast());
        ConfigMapping.set(LISTENER + "unhandled-actions", l.getUnhandledActions(),
                () -> b.unhandledActions(l.getUnhandledActions()));
        b.retryPolicy(retry(l.getRetry()));
        return b;
    }

    /** The listener options builder: events, sweeper, lease and dedup window. */
    static TriggerListenerOptions.Builder options(SymphonyRedisProperties.Listener l) {
        TriggerListenerOptions.Builder b = TriggerListenerOptions.builder().events(events(l));
        ConfigMapping.set(LISTENER + "sweep-interval", l.getSweepInterval(),
                () -> b.sweepInterval(l.getSweepInterval()));
        ConfigMapping.set(LISTENER + "batch-size", l.getBatchSize(), () -> b.batchSize(l.getBatchSize()));
        ConfigMapping.set(LISTENER + "sweep-timeout", l.getSweepTimeout(), () -> b.sweepTimeout(l.getSweepTimeout()));
        ConfigMapping.set(LISTENER + "max-waiting-claims", l.getMaxWaitingClaims(),
                () -> b.maxWaitingClaims(l.getMaxWaitingClaims()));
        ConfigMapping.set(LISTENER + "ack-batch-size", l.getAckBatchSize(), () -> b.ackBatchSize(l.getAckBatchSize()));
        ConfigMapping.set(LISTENER + "ack-max-delay", l.getAckMaxDelay(), () -> b.ackMaxDelay(l.getAckMaxDelay()));
        Duration lease = l.getLease();
        if (lease != null) {
            ConfigMapping.set(LISTENER + "lease", lease, () -> b.lease(lease));
        }
        ConfigMapping.set(LISTENER + "dedup-window", l.getDedupWindow(), () -> b.dedupWindow(l.getDedupWindow()));
        ConfigMapping.set(LISTENER + "original-actions", l.getOriginalActions(),
                () -> b.originalActions(l.getOriginalActions()));
        return b;
    }

    private static ExpiryEventsOptions events(SymphonyRedisProperties.Listener l) {
        ExpiryEventsOptions.Builder b = ExpiryEventsOptions.builder();
        ConfigMapping.set(LISTENER + "pool", l.getPool(), () -> b.pool(l.getPool()));
        ConfigMapping.set(LISTENER + "buffer-size", l.getBufferSize(), () -> b.bufferSize(l.getBufferSize()));
        ConfigMapping.set(LISTENER + "min-backoff", l.getMinBackoff() + ", max-backoff " + l.getMaxBackoff(),
                () -> b.backoff(l.getMinBackoff(), l.getMaxBackoff()));
        ConfigMapping.set(LISTENER + "topology-refresh", l.getTopologyRefresh(),
                () -> b.topologyRefresh(l.getTopologyRefresh()));
        return b.build();
    }

    private static RetryPolicy retry(SymphonyRedisProperties.Retry r) {
        RetryPolicy.Builder b = RetryPolicy.builder();
        String prefix = LISTENER + "retry.";
        ConfigMapping.set(prefix + "max-attempts", r.getMaxAttempts(), () -> b.maxAttempts(r.getMaxAttempts()));
        ConfigMapping.set(prefix + "timeout", r.getTimeout(), () -> b.timeout(r.getTimeout()));
        ConfigMapping.set(prefix + "first-backoff", r.getFirstBackoff() + ", max-backoff " + r.getMaxBackoff(),
                () -> b.backoff(r.getFirstBackoff(), r.getMaxBackoff()));
        return b.build();
    }
}
