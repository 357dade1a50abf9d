package io.symphony.redis.repository;

/** The Redis engines the repository suites run on; see {@link OnStandaloneAndCluster}. */
enum Backend {

    /** The JVM's shared standalone server ({@code TestRedis.shared()}): every alias has its own numbered DB. */
    STANDALONE,

    /**
     * The JVM's shared local Cluster ({@code LocalRedisCluster.shared()}, 3 primaries with one replica each): every
     * alias uses DB 0, and the repositories come with their Cluster layouts.
     */
    CLUSTER
}
