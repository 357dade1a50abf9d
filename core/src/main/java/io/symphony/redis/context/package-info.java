/**
 * The current tenant's state in the Reactor {@code Context}, and the documented bridge for blocking tools.
 */
@NullMarked
package io.symphony.redis.context;

import org.jspecify.annotations.NullMarked;
