package io.symphony.redis.connection.internal;

import io.lettuce.core.api.StatefulConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Connect so that a cancelled connect leaks nothing. Lettuce cannot abort a connect in flight: cancelling its future
 * leaves the connection to complete later with nobody to close it (one leaked connection per cancelled attempt).
 */
public final class CancelSafeConnect {

    private CancelSafeConnect() {
    }

    /**
     * Start the connect on subscription and emit the connection; if the subscriber cancels before it is emitted, the
     * connection is closed as soon as it completes.
     */
    public static <C extends StatefulConnection<?, ?>> Mono<C> connect(Supplier<? extends CompletionStage<C>> connect) {
        return Mono.defer(() -> {
            CompletableFuture<C> future = connect.get().toCompletableFuture();
            AtomicBoolean delivered = new AtomicBoolean();
            AtomicBoolean cancelled = new AtomicBoolean();
            // A connect that fails after the cancel has nobody to tell (the shutdown that follows a cancel fails the
            // connects in flight): end empty instead of an error Reactor would log as dropped.
            CompletableFuture<@Nullable C> outcome = future.handle((connection, error) -> {
                if (error == null || cancelled.get()) {
                    return error == null ? connection : null;
                }
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            });
            return Mono.fromFuture(outcome, true)
                    .doOnNext(connection -> delivered.set(true))
                    .doOnCancel(() -> {
                        cancelled.set(true);
                        future.thenAccept(connection -> {
                            if (!delivered.get()) {
                                // Nothing awaits this close: the subscriber that wanted the connection is gone.
                                QuietClose.close(connection).subscribe(null, QuietClose::logLateCloseFailure);
                            }
                        });
                    });
        });
    }
}
