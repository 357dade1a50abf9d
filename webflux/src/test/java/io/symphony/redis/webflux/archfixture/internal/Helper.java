package io.symphony.redis.webflux.archfixture.internal;

/** An implementation type of a fixture internal package. */
public interface Helper {
}
