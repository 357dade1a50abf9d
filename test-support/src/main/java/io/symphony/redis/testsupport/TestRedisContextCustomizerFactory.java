package io.symphony.redis.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Spring's hook for {@link AutoConfigureTestRedis} (registered in {@code META-INF/spring.factories}; read only where
 * spring-test is on the class path): a test class carrying the annotation gets the shared server's URL as a
 * property of its context.
 */
public final class TestRedisContextCustomizerFactory implements ContextCustomizerFactory {

    /** Create the factory (spring-test calls this). */
    public TestRedisContextCustomizerFactory() {
    }

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureTestRedis annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureTestRedis.class);
        return annotation == null ? null : new UrlProperty(annotation.property());
    }

    /** Adds {@code property = TestRedis.shared().uri()} first among the context's property sources. */
    private static final class UrlProperty implements ContextCustomizer {

        private final String property;

        UrlProperty(String property) {
            this.property = property;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testRedis",
                    Map.of(property, TestRedis.shared().uri())));
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof UrlProperty that && property.equals(that.property);
        }

        @Override
        public int hashCode() {
            return Objects.hash(property);
        }
    }
}
