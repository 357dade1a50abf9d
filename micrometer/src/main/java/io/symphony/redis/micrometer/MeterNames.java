package io.symphony.redis.micrometer;

/** The names of the toolkit's meters, observations and tags, in one place (the README's meter table lists them). */
final class MeterNames {

    static final String TAG_POOL = "pool";
    static final String TAG_SERVER = "server";
    static final String TAG_DB = "db";
    static final String TAG_OUTCOME = "outcome";
    static final String TAG_ACTION = "action";
    static final String TAG_SOURCE = "source";
    static final String TAG_NAMESPACE = "namespace";
    static final String TAG_REASON = "reason";
    static final String TAG_STATE = "state";

    static final String CONNECTIONS_ACTIVE = "symphony.redis.connections.active";
    static final String CONNECTIONS_RECONNECTS = "symphony.redis.connections.reconnects";
    static final String CONNECTIONS_DISCONNECTS = "symphony.redis.connections.disconnects";
    static final String POOL_SIZE = "symphony.redis.pool.size";
    static final String POOL_ACQUIRED = "symphony.redis.pool.acquired";
    static final String POOL_IDLE = "symphony.redis.pool.idle";
    static final String POOL_PENDING = "symphony.redis.pool.pending";
    static final String POOL_ACQUIRE = "symphony.redis.pool.acquire";

    static final String REPOSITORY = "symphony.redis.repository";

    static final String TRIGGER_SET = "symphony.redis.trigger.set";
    static final String TRIGGER_CANCELLED = "symphony.redis.trigger.cancelled";
    static final String TRIGGER_SCHEDULE = "symphony.redis.trigger.schedule";
    static final String TRIGGER_FIRED = "symphony.redis.trigger.fired";
    static final String TRIGGER_FIRE_LAG = "symphony.redis.trigger.fire.lag";
    static final String TRIGGER_HANDLER = "symphony.redis.trigger.handler";
    static final String TRIGGER_RETRIES = "symphony.redis.trigger.retries";
    static final String TRIGGER_DEAD_LETTERS = "symphony.redis.trigger.dead.letters";
    static final String TRIGGER_UNKNOWN_ACTIONS = "symphony.redis.trigger.unknown.actions";
    static final String TRIGGER_LEASE_RENEWALS = "symphony.redis.trigger.lease.renewals";
    static final String TRIGGER_SWEEPS = "symphony.redis.trigger.sweeps";
    static final String TRIGGER_SWEEP_CLAIMED = "symphony.redis.trigger.sweep.claimed";
    static final String TRIGGER_DUE = "symphony.redis.trigger.due";
    static final String TRIGGER_IN_FLIGHT = "symphony.redis.trigger.in.flight";

    static final String LISTENER_EVENTS_RECEIVED = "symphony.redis.listener.events.received";
    static final String LISTENER_EVENTS_DROPPED = "symphony.redis.listener.events.dropped";
    static final String LISTENER_STATE = "symphony.redis.listener.state";
    static final String LISTENER_GAPS = "symphony.redis.listener.gaps";

    private MeterNames() {
    }
}
