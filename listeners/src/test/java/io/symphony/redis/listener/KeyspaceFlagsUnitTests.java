package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyspaceFlagsUnitTests {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(value = {"'', Ex", "K, KEx", "Kg, KgEx", "E, Ex", "x, xE", "A, AE", "KA, KAE", "Ex, Ex", "AKE, AKE"})
    void missingFlagsAreAdded_presentOnesKept(String current, String wanted) {
        assertThat(KeyspaceFlags.hasExpiredEvents(current)).isEqualTo(current.equals(wanted));
        assertThat(KeyspaceFlags.withExpiredEvents(current)).isEqualTo(wanted);
        assertThat(KeyspaceFlags.hasExpiredEvents(wanted)).isTrue();
    }
}
