package io.symphony.redis.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class ErrorMappingMonoUnitTests {

    private static IllegalStateException wrapped(Throwable error) {
        return new IllegalStateException("mapped: " + error.getMessage(), error);
    }

    @Test
    void valueAndCompletion_passUnchanged() {
        ErrorMappingMono.map(Mono.just("v"), ErrorMappingMonoUnitTests::wrapped)
                .as(StepVerifier::create).expectNext("v").verifyComplete();
        ErrorMappingMono.map(Mono.empty(), ErrorMappingMonoUnitTests::wrapped)
                .as(StepVerifier::create).verifyComplete();
    }

    @Test
    void error_isMapped() {
        ErrorMappingMono.map(Mono.error(new RuntimeException("boom")), ErrorMappingMonoUnitTests::wrapped)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                        .hasMessage("mapped: boom").hasCauseInstanceOf(RuntimeException.class));
    }

    @Test
    void deferredSupplier_runsPerSubscription_andItsThrowIsMapped() {
        AtomicInteger calls = new AtomicInteger();
        Mono<Integer> mono = ErrorMappingMono.defer(() -> Mono.just(calls.incrementAndGet()),
                ErrorMappingMonoUnitTests::wrapped);
        assertThat(calls).as("nothing before subscription").hasValue(0);
        mono.as(StepVerifier::create).expectNext(1).verifyComplete();
        mono.as(StepVerifier::create).expectNext(2).verifyComplete();

        ErrorMappingMono.<String>defer(() -> {
            throw new IllegalArgumentException("bad");
        }, ErrorMappingMonoUnitTests::wrapped).as(StepVerifier::create)
                .verifyErrorMessage("mapped: bad");
    }

    @Test
    void mappingOfAMapping_isOneOperatorApplyingInnerThenOuter() {
        List<String> order = new ArrayList<>();
        Mono<String> inner = ErrorMappingMono.map(Mono.error(new RuntimeException("e")), error -> {
            order.add("inner");
            return new IllegalArgumentException("inner(" + error.getMessage() + ")", error);
        });
        Mono<String> outer = ErrorMappingMono.map(inner, error -> {
            order.add("outer");
            return new IllegalStateException("outer(" + error.getMessage() + ")", error);
        });

        assertThat(outer).isInstanceOf(ErrorMappingMono.class);
        outer.as(StepVerifier::create).verifyErrorMessage("outer(inner(e))");
        assertThat(order).containsExactly("inner", "outer");
    }

    @Test
    void throwingMapper_signalsItsErrorWithTheOriginalSuppressed() {
        RuntimeException original = new RuntimeException("original");
        ErrorMappingMono.map(Mono.error(original), error -> {
            throw new IllegalStateException("mapper failed");
        }).as(StepVerifier::create).verifyErrorSatisfies(error -> assertThat(error)
                .hasMessage("mapper failed").hasSuppressedException(original));
    }

    @Test
    void cancel_reachesTheSource() {
        AtomicBoolean cancelled = new AtomicBoolean();
        ErrorMappingMono.map(Mono.never().doOnCancel(() -> cancelled.set(true)), ErrorMappingMonoUnitTests::wrapped)
                .as(StepVerifier::create).expectSubscription().thenCancel().verify();
        assertThat(cancelled).isTrue();
    }

    @Test
    void positiveDemand_isPassedOnUnbounded_andTheValueWaitsForNoMore() {
        TestPublisher<String> source = TestPublisher.create();
        StepVerifier.create(ErrorMappingMono.map(source.mono(), ErrorMappingMonoUnitTests::wrapped), 1)
                .then(() -> source.assertMinRequested(Long.MAX_VALUE).emit("v"))
                .expectNext("v").verifyComplete();
    }

    @Test
    void noDemand_noValue() {
        TestPublisher<String> source = TestPublisher.create();
        StepVerifier.create(ErrorMappingMono.map(source.mono(), ErrorMappingMonoUnitTests::wrapped), 0)
                .expectSubscription()
                .then(() -> source.assertWasNotRequested())
                .thenRequest(1)
                .then(() -> source.emit("v"))
                .expectNext("v").verifyComplete();
    }
}
