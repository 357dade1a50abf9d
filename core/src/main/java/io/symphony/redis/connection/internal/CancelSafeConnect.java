package io.symphony.redis.connection.internal;

import io.lettuce.core.api.StatefulConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
            return Mono.fromFuture(future, true)
                    .doOnNext(connection -> delivered.set(true))
                    .doOnCancel(() -> future.thenAccept(connection -> {
                        if (!delivered.get()) {
                            // Nothing awaits this close: the subscriber that wanted the connection is gone.
                            QuietClose.close(connection).subscribe(null, QuietClose::logLateCloseFailure);
                        }
                    }));
        });
    }
}
