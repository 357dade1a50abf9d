package io.symphony.redis.testsupport;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * One resource for a whole test class (a runtime, a client, a server), opened before the first test and closed after
 * the last, so test classes do not each copy the {@code @BeforeAll}/{@code @AfterAll} pair:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ClassResource<SymphonyRuntime> RUNTIME = ClassResource.of(
 *         () -> SymphonyRuntime.create(config).block(Duration.ofSeconds(30)),
 *         runtime -> runtime.close().block(Duration.ofSeconds(10)));
 * }</pre>
 *
 * <p>Register it on a {@code static} field. When opening fails, the class fails and nothing is closed; when it
 * succeeded, the resource is closed even if a test failed.
 *
 * @param <T> the resource type
 */
public final class ClassResource<T> implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<? extends @Nullable T> open;
    private final Consumer<? super T> close;
    private volatile @Nullable T resource;

    private ClassResource(Supplier<? extends @Nullable T> open, Consumer<? super T> close) {
        this.open = open;
        this.close = close;
    }

    /**
     * Describe a class-scoped resource.
     *
     * @param open opens the resource; a {@code null} result fails the class
     * @param close closes it after the class's last test
     * @param <T> the resource type
     * @return the extension to register with {@code @RegisterExtension} on a static field
     */
    public static <T> ClassResource<T> of(Supplier<? extends @Nullable T> open, Consumer<? super T> close) {
        return new ClassResource<>(Objects.requireNonNull(open, "open"), Objects.requireNonNull(close, "close"));
    }

    /**
     * Return the open resource.
     *
     * @throws IllegalStateException outside the test class's lifetime (before its first or after its last test)
     */
    public T get() {
        T current = resource;
        if (current == null) {
            throw new IllegalStateException("the class resource is not open: register it with @RegisterExtension on a "
                    + "static field and use it from tests or @BeforeEach/@AfterEach only");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resource = Objects.requireNonNull(open.get(), () -> "opening the class resource of "
                + context.getDisplayName() + " returned null");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        T current = resource;
        resource = null;
        if (current != null) {
            close.accept(current);
        }
    }
}
