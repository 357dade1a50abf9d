package io.symphony.redis.boot.archfixture;

import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Breaks the blocking rule three ways, so ArchitectureUnitTests can show the rule sees each. */
public final class BlocksOnPurpose {

    private BlocksOnPurpose() {
    }

    static Integer waitForIt() {
        return Mono.just(1).block();
    }

    static void fireAndForget() {
        Flux.range(1, 3).subscribe();
    }

    static String join(CompletableFuture<String> future) {
        return future.join();
    }
}
