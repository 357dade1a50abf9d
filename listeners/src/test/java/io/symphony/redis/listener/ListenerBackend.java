package io.symphony.redis.listener;

/** Where a listener integration test runs; the parameter of the parameterised test classes. */
enum ListenerBackend {
    /** A private standalone server per test (keyspace events on, {@code --hz 100}). */
    STANDALONE,
    /**
     * The shared local Redis Cluster (3 primaries, 1 replica each), every alias on DB 0; each fixture uses its own
     * trigger prefix, so the index and keys of earlier tests never reach its listeners.
     */
    CLUSTER
}
