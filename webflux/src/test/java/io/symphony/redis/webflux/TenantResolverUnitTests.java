package io.symphony.redis.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphony.redis.context.TenantScope;
import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TenantResolverUnitTests {

    private final HeaderTenantResolver headers = HeaderTenantResolver.defaults();

    @Test
    void headersGiveTheScopeOrNothing() {
        StepVerifier.create(headers.resolve(exchange(MockServerHttpRequest.get("/")
                        .header("X-Tenant-Id", "acme").header("X-User-Id", "alice"))))
                .expectNext(new TenantScope("acme", "alice"))
                .verifyComplete();
        StepVerifier.create(headers.resolve(exchange(MockServerHttpRequest.get("/")))).verifyComplete();
    }

    @Test
    void incompleteBlankOrRepeatedHeadersAreInvalid() {
        StepVerifier.create(headers.resolve(exchange(MockServerHttpRequest.get("/").header("X-User-Id", "u"))))
                .expectErrorSatisfies(e -> assertInvalid(e, "missing X-Tenant-Id"))
                .verify();
        StepVerifier.create(headers.resolve(exchange(MockServerHttpRequest.get("/")
                        .header("X-Tenant-Id", " ").header("X-User-Id", "u"))))
                .expectErrorSatisfies(e -> assertInvalid(e, "must not be blank"))
                .verify();
        StepVerifier.create(headers.resolve(exchange(MockServerHttpRequest.get("/")
                        .header("X-Tenant-Id", "a", "b").header("X-User-Id", "u"))))
                .expectErrorSatisfies(e -> assertInvalid(e, "X-Tenant-Id must be sent once, was sent 2 times"))
                .verify();
    }

    @Test
    void headerNamesAreValidatedAtConstruction() {
        assertThatThrownBy(() -> new HeaderTenantResolver("X-Id", "x-id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeaderTenantResolver(" ", "X-User")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void principalResolverSplitsTheNameOrRejectsIt() {
        PrincipalTenantResolver resolver = PrincipalTenantResolver.splittingName('/');
        StepVerifier.create(resolver.resolve(withPrincipal("acme/alice/x")))
                .expectNext(new TenantScope("acme", "alice/x"))
                .verifyComplete();
        StepVerifier.create(resolver.resolve(withPrincipal("nobody")))
                .expectErrorSatisfies(e -> assertInvalid(e, "principal name is not tenant/user"))
                .verify();
        StepVerifier.create(resolver.resolve(exchange(MockServerHttpRequest.get("/")))).verifyComplete();
        StepVerifier.create(new PrincipalTenantResolver(p -> null).resolve(withPrincipal("acme/alice")))
                .expectErrorSatisfies(e -> assertInvalid(e, "names no tenant and user"))
                .verify();
    }

    private static void assertInvalid(Throwable error, String message) {
        assertThat(error).isInstanceOf(InvalidTenantException.class)
                .hasMessageContaining(message);
    }

    private static ServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request);
    }

    private static ServerWebExchange withPrincipal(String name) {
        Principal principal = () -> name;
        return exchange(MockServerHttpRequest.get("/")).mutate().principal(Mono.just(principal)).build();
    }
}
