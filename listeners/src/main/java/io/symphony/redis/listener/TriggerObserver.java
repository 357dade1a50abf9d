package io.symphony.redis.listener;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Observes a {@link TriggerListener}: its start and stop, the events it receives, every occurrence it fires (with
 * its fire lag), retries, handles or dead-letters, actions without a handler, lease renewals and sweeps. Set with
 * {@link TriggerListenerOptions.Builder#observer}; the {@code symphony-redis-micrometer} module implements it with
 * meters and an {@code Observation} per handled occurrence.
 *
 * <p>Every method has a no-op default. Calls come from the listener's threads (event loops, the timer scheduler,
 * handler threads) concurrently: implementations must be thread-safe, must not block and should not throw (what a
 * callback throws is logged and dropped; it never changes what the listener does).
 *
 * @since 0.1
 */
public interface TriggerObserver {

    /** The observer that observes nothing: the default. */
    TriggerObserver NOOP = new TriggerObserver() { };

    /**
     * {@code listener} started; its live counts ({@link TriggerListener#inFlight()}, {@link TriggerListener#pending()},
     * its {@link TriggerListener#events() event stream}'s states and drops) may be read until {@link #stopped}.
     */
    default void started(TriggerListener listener) {
    }

    /** {@code listener} stopped: its running handlers finished and its pub/sub connection is closed. */
    default void stopped(TriggerListener listener) {
    }

    /** An expiry event of a trigger key with a handler here reached the listener. */
    default void eventReceived(ExpiryEvent event) {
    }

    /** The first attempt of {@code event}'s handler starts, {@code lag} after the trigger came due. */
    default void fired(TriggerEvent event, Duration lag) {
    }

    /**
     * Return {@code handling}: the whole run of {@code event}'s handler (every attempt, with timeouts and backoff),
     * which completes when the handler succeeded and fails with the last attempt's error. It is subscribed in the
     * handler's context: the snapshot of the context the trigger was set in is restored there.
     */
    default Mono<Void> handling(TriggerEvent event, Mono<Void> handling) {
        return handling;
    }

    /** Attempt {@code attempt} of {@code event}'s handler failed with {@code error}; another attempt follows. */
    default void retried(TriggerEvent event, int attempt, Throwable error) {
    }

    /**
     * An occurrence of {@code action} was moved to the dead letters after {@code attempts} attempts ({@code 0}: it
     * had no handler).
     */
    default void deadLettered(String action, int attempts) {
    }

    /** A due trigger of {@code action}, which has no handler in the registry, was seen (left or dead-lettered). */
    default void unknownAction(String action) {
    }

    /** One renewal round: {@code renewed} claims got a new lease, {@code lost} had lost theirs already. */
    default void leasesRenewed(int renewed, int lost) {
    }

    /** A renewal round failed with {@code error}; the next round retries. */
    default void leaseRenewalFailed(Throwable error) {
    }

    /** One sweep of the due-index took {@code took} and claimed {@code claimed}; {@code error} if it failed. */
    default void swept(Duration took, int claimed, @Nullable Throwable error) {
    }
}
