package io.symphony.redis.runtime.internal;

import io.symphony.redis.runtime.internal.KeyspaceEventFlags;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyspaceEventFlagsUnitTests {

    @Test
    void missing_addsOnlyWhatIsAbsent() {
        assertThat(KeyspaceEventFlags.missing("", "Ex")).isEqualTo("Ex");
        assertThat(KeyspaceEventFlags.missing("Kg", "Ex")).isEqualTo("Ex");
        assertThat(KeyspaceEventFlags.missing("xE", "Ex")).isEmpty();
        assertThat(KeyspaceEventFlags.missing("KEA", "Ex")).isEmpty();
        assertThat(KeyspaceEventFlags.missing("Kx", "Ex")).isEqualTo("E");
        assertThat(KeyspaceEventFlags.missing("Kx", "KEA")).isEqualTo("EA");
        assertThat(KeyspaceEventFlags.missing("", "ExxE")).isEqualTo("Ex");
    }

    /** What the expiry listener writes: the current flags plus the missing ones of {@code Ex}, none removed. */
    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(value = {"'', Ex", "K, KEx", "Kg, KgEx", "E, Ex", "x, xE", "A, AE", "KA, KAE", "Ex, Ex", "AKE, AKE"})
    void expiredEvents_missingFlagsAreAdded_presentOnesKept(String current, String wanted) {
        String result = current + KeyspaceEventFlags.missing(current, KeyspaceEventFlags.EXPIRED_EVENTS);

        assertThat(result).isEqualTo(wanted);
        assertThat(KeyspaceEventFlags.missing(result, KeyspaceEventFlags.EXPIRED_EVENTS)).isEmpty();
    }
}
