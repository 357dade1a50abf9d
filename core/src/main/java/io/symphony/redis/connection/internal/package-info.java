/**
 * Implementation helpers of the connection layer shared with other packages and modules (runtime, listeners).
 *
 * <p>Not API: this package carries no compatibility promise and may change in any release.
 */
@NullMarked
package io.symphony.redis.connection.internal;

import org.jspecify.annotations.NullMarked;
