package io.symphony.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyspaceEventsBootstrapUnitTests {

    @Test
    void missingFlags_addsOnlyWhatIsAbsent() {
        assertThat(KeyspaceEventsBootstrap.missingFlags("", "Ex")).isEqualTo("Ex");
        assertThat(KeyspaceEventsBootstrap.missingFlags("Kg", "Ex")).isEqualTo("Ex");
        assertThat(KeyspaceEventsBootstrap.missingFlags("xE", "Ex")).isEmpty();
        assertThat(KeyspaceEventsBootstrap.missingFlags("KEA", "Ex")).isEmpty();
        assertThat(KeyspaceEventsBootstrap.missingFlags("Kx", "Ex")).isEqualTo("E");
    }
}
