package io.symphony.redis.boot;

import io.symphony.redis.listener.FireLag;
import io.symphony.redis.listener.ListenerState;
import io.symphony.redis.listener.TriggerListener;
import io.symphony.redis.listener.TriggerRegistry;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The trigger listener's health: UP while its expiry subscription is {@code CONNECTED}, or lost for no longer than
 * {@code symphony.redis.health.listener-max-disconnected} (a failover or restart re-subscribes within seconds, and the
 * due-index sweeper keeps firing triggers meanwhile); DOWN once it has been lost longer, naming since when;
 * OUT_OF_SERVICE once stopped; UNKNOWN before it started. Details: the state and since when, dropped events,
 * occurrences without a handler, triggers handed to the original's listeners, and the fire lag so far. Reads no
 * Redis: the pool targets' indicators do.
 */
final class ListenerHealthIndicator implements ReactiveHealthIndicator {

    private final ListenerConnectivity connectivity;
    private final TriggerListener listener;
    private final TriggerRegistry registry;
    private final Duration maxDisconnected;

    ListenerHealthIndicator(ListenerConnectivity connectivity, TriggerListener listener, TriggerRegistry registry,
            Duration maxDisconnected) {
        this.connectivity = connectivity;
        this.listener = listener;
        this.registry = registry;
        this.maxDisconnected = maxDisconnected;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(this::check);
    }

    private Health check() {
        ListenerConnectivity.Snapshot snapshot = connectivity.snapshot();
        if (snapshot == null) {
            return Health.unknown().withDetail("state", "not started").build();
        }
        Duration lost = connectivity.lostFor(snapshot);
        Health.Builder health;
        if (snapshot.state() == ListenerState.STOPPED) {
            health = Health.outOfService();
        } else if (lost.compareTo(maxDisconnected) <= 0) {
            health = Health.up();
        } else {
            health = Health.down().withDetail("error", "expiry subscription lost for " + lost.toMillis()
                    + " ms, longer than " + maxDisconnected.toMillis() + " ms; triggers with a due-index entry keep "
                    + "firing from the sweeper");
        }
        health.withDetail("state", snapshot.state()).withDetail("since", snapshot.at().toString());
        if (snapshot.lostSince() != null) {
            health.withDetail("subscriptionLostSince", String.valueOf(snapshot.lostSince()));
        }
        FireLag lag = listener.fireLag();
        return health.withDetail("namespace", registry.namespace())
                .withDetail("droppedEvents", listener.events().droppedEvents())
                .withDetail("unknownActions", registry.unknownActions())
                .withDetail("handedToOriginal", listener.handedToOriginal())
                .withDetail("fired", lag.count())
                .withDetail("fireLagMeanMillis", lag.meanMillis())
                .withDetail("fireLagMaxMillis", lag.maxMillis())
                .build();
    }
}
