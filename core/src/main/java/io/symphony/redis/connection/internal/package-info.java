/**
 * Implementation helpers of the connection layer shared with other modules (the listeners' pub/sub clients).
 * Everything here carries no compatibility promise and may change in any release.
 */
@NullMarked
package io.symphony.redis.connection.internal;

import org.jspecify.annotations.NullMarked;
