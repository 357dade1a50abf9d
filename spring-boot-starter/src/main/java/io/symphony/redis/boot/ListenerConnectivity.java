package io.symphony.redis.boot;

import io.symphony.redis.listener.ListenerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The expiry subscription's state as the health indicator needs it: the current {@link ListenerState} and, while it
 * is not {@code CONNECTED}, since when the subscription has been lost (a {@code RECONNECTING} that follows a failed
 * {@code CONNECTING} keeps the first moment). Fed by {@link ListenerLifecycle} from the listener's state stream.
 */
final class ListenerConnectivity {

    private final Clock clock;
    private final AtomicReference<@Nullable Snapshot> current = new AtomicReference<>();

    ListenerConnectivity(Clock clock) {
        this.clock = clock;
    }

    /** Record a state the listener reported. */
    void record(ListenerState state) {
        Instant now = clock.instant();
        current.updateAndGet(previous -> {
            if (state == ListenerState.CONNECTED) {
                return new Snapshot(state, now, null);
            }
            Instant lostSince = previous == null || previous.lostSince() == null ? now : previous.lostSince();
            return new Snapshot(state, now, lostSince);
        });
    }

    /** The latest state, or {@code null} before the listener reported one. */
    @Nullable Snapshot snapshot() {
        return current.get();
    }

    /** How long the subscription has been lost at this moment; zero while connected. */
    Duration lostFor(Snapshot snapshot) {
        Instant since = snapshot.lostSince();
        return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
    }

    /**
     * One reported state.
     *
     * @param state the state
     * @param at when it was reported
     * @param lostSince when the subscription was last lost, {@code null} while connected
     */
    record Snapshot(ListenerState state, Instant at, @Nullable Instant lostSince) {
    }
}
