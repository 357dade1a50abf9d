package io.symphony.redis.listener;

/**
 * What a listener does with a due trigger of its namespace whose action has no handler in its registry. Either
 * way the action is logged at WARN once (per action and listener) and counted in
 * {@link TriggerRegistry#unknownActions()}.
 *
 * @since 0.1
 */
public enum UnhandledActions {

    /**
     * Leave it in the due-index, unclaimed, for an instance (or a later version) that has the handler: the sweeper
     * skips it, and its keyspace event is ignored. It waits there until some listener of the namespace handles it
     * or it is deleted; it is visible in {@link TriggerListener#pending()}. The default, so a service never claims
     * what another instance or version of it could run, and a rolling deploy that adds an action loses nothing.
     */
    LEAVE,

    /** Claim it and move it to the dead letters at once (no attempt), where it can be inspected and replayed. */
    DEAD_LETTER
}
