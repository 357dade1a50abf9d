package io.symphony.redis.boot.archfixture.internal;

/** An implementation type of a fixture internal package. */
public interface Helper {
}
