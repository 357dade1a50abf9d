package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TriggerRegistryUnitTests {

    public static final class WrongReturn {
        @OnTrigger("a")
        public String describe(TriggerEvent event) {
            return event.key();
        }
    }

    public static final class WrongParameter {
        @OnTrigger("a")
        public Mono<Void> handle(String key) {
            return Mono.empty();
        }
    }

    public static final class EveryShape {
        @OnTrigger("mono")
        public Mono<Void> mono(TriggerEvent event) {
            return Mono.empty();
        }

        @OnTrigger("flux")
        public Flux<String> flux(TriggerEvent event) {
            return Flux.empty();
        }

        @OnTrigger("stage")
        public CompletableFuture<Void> stage(TriggerEvent event) {
            return CompletableFuture.completedFuture(null);
        }

        @OnTrigger("void")
        public void blocking(TriggerEvent event) {
        }

        @OnTrigger("boxed")
        public Void boxed(TriggerEvent event) {
            return null;
        }
    }

    @Test
    void register_wrongShape_failsNamingTheMethod() {
        TriggerRegistry registry = TriggerRegistry.create();

        assertThatThrownBy(() -> registry.register(new WrongReturn()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WrongReturn.describe(")
                .hasMessageContaining("returning void, a Publisher (Mono, Flux) or a CompletionStage");
        assertThatThrownBy(() -> registry.register(new WrongParameter()))
                .hasMessageContaining("WrongParameter.handle(java.lang.String)");
        assertThat(registry.actions()).isEmpty();
    }

    @Test
    void register_everySupportedShape() {
        TriggerRegistry registry = TriggerRegistry.create();

        Registration registration = registry.register(new EveryShape());

        assertThat(registration.actions()).containsExactlyInAnyOrder("mono", "flux", "stage", "void", "boxed");
        registration.cancel();
        assertThat(registry.actions()).isEmpty();
    }

    /** Package-private, with package-private and inherited handlers: what a Spring component often looks like. */
    static class BaseHandlers {
        @OnTrigger("inherited")
        Mono<Void> inherited(TriggerEvent event) {
            return Mono.empty();
        }

        @OnTrigger("overridden")
        Mono<Void> overridden(TriggerEvent event) {
            return Mono.error(new IllegalStateException("the override must run"));
        }
    }

    static final class PackagePrivateHandlers extends BaseHandlers {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @OnTrigger("hidden")
        Mono<Void> hidden(TriggerEvent event) {
            seen.add(event.identifier());
            return Mono.empty();
        }

        @Override
        @OnTrigger("overridden")
        Mono<Void> overridden(TriggerEvent event) {
            seen.add("override " + event.identifier());
            return Mono.empty();
        }
    }

    @Test
    void register_findsPackagePrivateAndInheritedMethods_andAnOverrideOnce() {
        TriggerRegistry registry = TriggerRegistry.create();
        PackagePrivateHandlers handlers = new PackagePrivateHandlers();

        Registration registration = registry.register(handlers);

        assertThat(registration.actions()).containsExactlyInAnyOrder("hidden", "inherited", "overridden");
        TriggerEvent hidden = new TriggerEvent("acme", "hidden", "u1", "k", java.time.Instant.EPOCH,
                TriggerEvent.Source.SWEEP);
        StepVerifier.create(registry.lookup("hidden", "k").orElseThrow().handle(hidden)).verifyComplete();
        TriggerEvent overridden = new TriggerEvent("acme", "overridden", "u2", "k", java.time.Instant.EPOCH,
                TriggerEvent.Source.SWEEP);
        StepVerifier.create(registry.lookup("overridden", "k").orElseThrow().handle(overridden)).verifyComplete();
        assertThat(handlers.seen).containsExactly("u1", "override u2");
    }
}
