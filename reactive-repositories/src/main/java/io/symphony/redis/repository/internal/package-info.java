/**
 * Implementation shared between the repositories and the listeners module. No compatibility promise: anything here
 * may change in any release.
 */
@NullMarked
package io.symphony.redis.repository.internal;

import org.jspecify.annotations.NullMarked;
