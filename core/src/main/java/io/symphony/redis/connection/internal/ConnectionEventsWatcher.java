package io.symphony.redis.connection.internal;

import io.lettuce.core.event.Event;
import io.lettuce.core.event.EventBus;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.event.connection.ConnectionEvent;
import io.symphony.redis.connection.ConnectionObserver;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Turns the Lettuce event bus's connection events into {@link ConnectionObserver} calls for the runtime's targets.
 * An event names its connection by URI; a URI no target answers to (another client on the same resources, a Cluster
 * node) goes to the one Cluster target when there is exactly one, and is ignored otherwise.
 */
final class ConnectionEventsWatcher {

    private static final Logger log = LoggerFactory.getLogger(ConnectionEventsWatcher.class);

    private final List<ObservedTarget> targets;
    private final ConnectionObserver observer;
    private final @Nullable ObservedTarget onlyCluster;
    /** Lettuce endpoints seen active: one seen again is a re-connect of the same connection. */
    private final Set<String> activeBefore = ConcurrentHashMap.newKeySet();

    private ConnectionEventsWatcher(Collection<ObservedTarget> targets, ConnectionObserver observer) {
        this.targets = List.copyOf(targets);
        this.observer = observer;
        List<ObservedTarget> clusters = this.targets.stream().filter(ObservedTarget::cluster).toList();
        this.onlyCluster = clusters.size() == 1 ? clusters.get(0) : null;
    }

    /** Observe the connection events of {@code bus} until the returned {@code Disposable} is disposed. */
    static Disposable watch(EventBus bus, Collection<ObservedTarget> targets, ConnectionObserver observer) {
        ConnectionEventsWatcher watcher = new ConnectionEventsWatcher(targets, observer);
        return bus.get().subscribe(watcher::onEvent,
                error -> log.warn("Connection events stopped ({}); connection meters stop following", error.toString()));
    }

    private void onEvent(Event event) {
        if (event instanceof ConnectionActivatedEvent activated) {
            String endpoint = LettuceEventFields.endpointId(activated);
            boolean reconnect = endpoint != null && !activeBefore.add(endpoint);
            target(activated).ifPresent(target -> safely(() -> observer.connected(target, activated.localAddress(),
                    reconnect)));
        } else if (event instanceof ConnectionDeactivatedEvent deactivated) {
            target(deactivated).ifPresent(target -> safely(() -> observer.disconnected(target,
                    deactivated.localAddress())));
        }
    }

    private Optional<ObservedTarget> target(ConnectionEvent event) {
        String uri = LettuceEventFields.redisUri(event);
        if (uri != null) {
            String key = ObservedTarget.eventKey(uri);
            for (ObservedTarget target : targets) {
                if (target.answersTo(key)) {
                    return Optional.of(target);
                }
            }
        }
        return Optional.ofNullable(onlyCluster);
    }

    /** Run an observer call; what it throws is logged, never passed on. */
    static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Connection observer failed; the event is dropped", e);
        }
    }
}
