/**
 * Micrometer instrumentation of Symphony Redis: {@link io.symphony.redis.micrometer.SymphonyObservability} takes a
 * {@code MeterRegistry} and an {@code ObservationRegistry} and instruments a runtime's configuration, repositories
 * and trigger listeners.
 */
@NullMarked
package io.symphony.redis.micrometer;

import org.jspecify.annotations.NullMarked;
