/**
 * Connections behind the pool aliases: one shared multiplexed connection per (server, DB) by default, or a
 * bounded pool per (server, DB), behind one interface.
 */
@NullMarked
package io.symphony.redis.connection;

import org.jspecify.annotations.NullMarked;
