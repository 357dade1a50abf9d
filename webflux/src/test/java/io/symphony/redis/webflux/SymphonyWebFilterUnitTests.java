package io.symphony.redis.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What needs no server: problem-detail quoting, resolver descriptions and the builder's validation. */
class SymphonyWebFilterUnitTests {

    @Test
    void problemDetailStringsAreValidJson() {
        assertThat(ProblemResponse.quote("say \"hi\" \\ now\n\t"))
                .isEqualTo("\"say \\\"hi\\\" \\\\ now\\u000a\\u0009\"");
        assertThat(ProblemResponse.quote("plain / text")).isEqualTo("\"plain / text\"");
    }

    @Test
    void resolversSayWhatARequestMustCarry() {
        assertThat(HeaderTenantResolver.defaults().describeSource())
                .isEqualTo("the X-Tenant-Id and X-User-Id headers");
        assertThat(new HeaderTenantResolver("X-Org", "X-Member").describeSource())
                .isEqualTo("the X-Org and X-Member headers");
        assertThat(PrincipalTenantResolver.splittingName('/').describeSource()).contains("authenticated principal");
    }

    @Test
    void theBuilderRejectsAMissingSupportOrResolver() {
        assertThatThrownBy(() -> SymphonyWebFilter.builder(null, HeaderTenantResolver.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("support");
    }
}
