package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The readiness group default: only with probes on, never over the application's own setting. */
class SymphonyRedisEnvironmentPostProcessorUnitTests {

    private static final String INCLUDE = SymphonyRedisEnvironmentPostProcessor.READINESS_INCLUDE;

    private static StandardEnvironment process(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new SymphonyRedisEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withProbesOn_theReadinessGroupIncludesPoolsAndListener() {
        assertThat(process(Map.of("management.endpoint.health.probes.enabled", "true")).getProperty(INCLUDE))
                .isEqualTo("readinessState,symphonyRedis,symphonyRedisListener");
        assertThat(process(Map.of("management.endpoint.health.probes.enabled", "true",
                "symphony.redis.listener.enabled", "false")).getProperty(INCLUDE))
                .isEqualTo("readinessState,symphonyRedis");
    }

    @Test
    void withProbesOff_orTheApplicationsOwnGroup_orHealthSwitchedOff_nothingIsAdded() {
        assertThat(process(Map.of()).getProperty(INCLUDE)).isNull();
        assertThat(process(Map.of("management.endpoint.health.probes.enabled", "true", INCLUDE, "readinessState"))
                .getProperty(INCLUDE)).isEqualTo("readinessState");
        assertThat(process(Map.of("management.endpoint.health.probes.enabled", "true",
                "management.health.symphony-redis.enabled", "false")).getProperty(INCLUDE)).isNull();
    }
}
