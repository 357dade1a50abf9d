/**
 * The runtime: one object that owns client resources, connections, schedulers and lifecycle.
 */
@NullMarked
package io.symphony.redis.runtime;

import org.jspecify.annotations.NullMarked;
