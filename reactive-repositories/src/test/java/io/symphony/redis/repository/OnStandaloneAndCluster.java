package io.symphony.redis.repository;

import io.symphony.redis.testsupport.RedisTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Run every test of the class once per {@link Backend}: standalone, then Cluster. The class declares a
 * {@code @Parameter Backend backend} field, opens its {@link RepositoryFixture} for the backend in a static
 * {@code @BeforeParameterizedClassInvocation} method taking the {@link Backend}, and closes it in
 * {@code @AfterParameterizedClassInvocation}. A test that only makes sense on one engine says so with
 * {@link RepositoryFixture#assumeStandalone(String)} or {@link RepositoryFixture#assumeCluster(String)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@RedisTest
@ParameterizedClass(name = "[{0}]")
@EnumSource(Backend.class)
@interface OnStandaloneAndCluster {
}
