/**
 * Implementation helpers of the toolkit shared between its packages and modules.
 *
 * <p>Not API: this package carries no compatibility promise and may change in any release.
 */
@NullMarked
package io.symphony.redis.runtime.internal;

import org.jspecify.annotations.NullMarked;
