package io.symphony.redis.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
}
