package io.symphony.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalRedisClusterUnitTests {

    @Test
    void start_rejectsTooFewPrimaries_beforeStartingAnything() {
        assertThatThrownBy(() -> LocalRedisCluster.start(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 primaries");
    }

    @Test
    void start_rejectsNegativeReplicas() {
        assertThatThrownBy(() -> LocalRedisCluster.start(3, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicasPerPrimary");
    }

    @Test
    void start_rejectsArgsTheKitMustOwn() {
        assertThatThrownBy(() -> LocalRedisCluster.start(3, 0, "--cluster-config-file", "/tmp/shared.conf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cluster-config-file");
        assertThatThrownBy(() -> LocalRedisCluster.start(3, 0, "--cluster-enabled", "no"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cluster-enabled");
        assertThatThrownBy(() -> LocalRedisCluster.start(3, 0, "--port", "7000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port");
    }
}
