package io.symphony.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Run every test of the annotated class (and of its subclasses) once per {@link TestTopology}: standalone, then
 * Cluster. The class receives the topology in a {@code @Parameter TestTopology} field or its constructor, and may
 * open fixtures per topology in {@code @BeforeParameterizedClassInvocation} methods. Tests that only make sense on
 * one topology skip the other with {@link TestTopology#assumeStandalone(String)} and say why.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("integration")
@ParameterizedClass(name = "[{index}] {0}")
@EnumSource(TestTopology.class)
public @interface EveryTopology {
}
