/**
 * Symphony Redis: a reactive, non-blocking, multi-pool Redis toolkit on Project Reactor and Lettuce.
 *
 * <p>This package holds the exception hierarchy shared by every module. Every publisher the toolkit returns is
 * cold and lazy: nothing touches Redis until it is subscribed, and each subscription repeats the work. Argument
 * errors are thrown at call time; anything that depends on Redis arrives as {@code onError}.
 */
@NullMarked
package io.symphony.redis;

import org.jspecify.annotations.NullMarked;
