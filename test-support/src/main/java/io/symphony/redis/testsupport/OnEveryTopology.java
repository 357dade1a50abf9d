package io.symphony.redis.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Run every test of the annotated class, and of its subclasses, once per {@link Topology}: standalone, then
 * Cluster, named {@code [STANDALONE]} and {@code [CLUSTER]}. It is a {@link RedisTest} too (tag
 * {@code integration}, {@link RedisExtension}).
 *
 * <p>The class receives the topology in a {@code @Parameter Topology} field or as its constructor's parameter, and
 * opens its fixtures per topology in a static {@code @BeforeParameterizedClassInvocation} method taking the
 * {@code Topology} (closing them in {@code @AfterParameterizedClassInvocation}), or per test in its constructor.
 * {@code @BeforeAll} methods and {@link RedisExtension}'s callback run once, before the first topology. A test that
 * only makes sense on one topology skips the other with {@link Topology#assumeStandalone(String)} or
 * {@link Topology#assumeCluster(String)}, saying why.
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-params} at run time; this module brings it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@RedisTest
@ParameterizedClass(name = "[{0}]")
@EnumSource(Topology.class)
public @interface OnEveryTopology {
}
