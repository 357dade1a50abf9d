package io.symphony.redis.boot;

import io.symphony.redis.repository.RepositorySupport;

/**
 * Customise the repository support of the auto-configured {@code SymphonyRepositories}, after the
 * {@code symphony.redis.repositories.*} properties are applied: the clock, or an observer of every repository call.
 * Every bean of this type is applied, in {@code @Order}/{@code Ordered} order; an application that defines its own
 * {@code SymphonyRepositories} is not customised.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RepositorySupportCustomizer {

    /** Change {@code builder} in place; a rejected value throws {@link IllegalArgumentException} at start-up. */
    void customize(RepositorySupport.Builder builder);
}
