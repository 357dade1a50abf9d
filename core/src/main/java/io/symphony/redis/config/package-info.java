/**
 * Immutable configuration: pool aliases and their DBs, URLs (standalone, TLS, Sentinel, Cluster), connection
 * strategy, timeouts, keyspace-event bootstrap and worker pools. Passwords are redacted everywhere.
 */
@NullMarked
package io.symphony.redis.config;

import org.jspecify.annotations.NullMarked;
