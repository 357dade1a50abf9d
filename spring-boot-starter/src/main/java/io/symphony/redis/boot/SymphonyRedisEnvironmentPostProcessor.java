package io.symphony.redis.boot;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Put the Symphony Redis health indicators in the readiness group, so an instance whose Redis or expiry subscription
 * is gone stops receiving traffic: when Boot's health probes are on ({@code management.endpoint.health.probes
 * .enabled=true}, or on Kubernetes and Cloud Foundry) and the application does not set
 * {@code management.endpoint.health.group.readiness.include} itself, it defaults to {@code readinessState},
 * {@code symphonyRedis} and (when the listener runs here) {@code symphonyRedisListener}. The default sits in the
 * lowest-precedence property source: any setting of the application wins.
 *
 * @since 0.1
 */
public final class SymphonyRedisEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The property this post-processor gives a default to. */
    public static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";

    private static final String HEALTH_API = "org.springframework.boot.health.contributor.ReactiveHealthIndicator";

    /** Create the post-processor (Boot calls this). */
    public SymphonyRedisEnvironmentPostProcessor() {
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(READINESS_INCLUDE) || !probesOn(environment)
                || !enabled(environment, "management.health.symphony-redis.enabled")
                || !ClassUtils.isPresent(HEALTH_API, getClass().getClassLoader())) {
            return;
        }
        String members = "readinessState,symphonyRedis"
                + (enabled(environment, "symphony.redis.listener.enabled") ? ",symphonyRedisListener" : "");
        environment.getPropertySources().addLast(new MapPropertySource("symphonyRedisHealthGroups",
                Map.of(READINESS_INCLUDE, members)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static boolean probesOn(ConfigurableEnvironment environment) {
        Boolean probes = environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class);
        if (probes != null) {
            return probes;
        }
        CloudPlatform platform = CloudPlatform.getActive(environment);
        return platform == CloudPlatform.KUBERNETES || platform == CloudPlatform.CLOUD_FOUNDRY;
    }

    private static boolean enabled(ConfigurableEnvironment environment, String property) {
        return environment.getProperty(property, Boolean.class, Boolean.TRUE);
    }
}
