package io.symphony.redis.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Handlers per trigger action, and how they run: the retry policy, the number of occurrences handled at once, and
 * whether an occurrence runs on one listener instance (the default: claimed exactly once among all instances) or on
 * every instance ({@code broadcast}).
 *
 * <p>Unlike the original's decorator registry, a second handler for one action is an error, actions are matched
 * exactly (a {@code :} in an action works), and events of actions nobody registered are counted
 * ({@link #unknownActions()}) and logged at DEBUG. Thread-safe; handlers may be added and cancelled while a listener
 * runs.
 *
 * @since 0.1
 */
public final class TriggerRegistry {

    /** Default number of occurrences handled at once per listener: 64. */
    public static final int DEFAULT_CONCURRENCY = 64;

    private static final Logger log = LoggerFactory.getLogger(TriggerRegistry.class);

    private final ConcurrentMap<String, TriggerHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicLong unknown = new AtomicLong();
    private final RetryPolicy retryPolicy;
    private final int concurrency;
    private final boolean broadcast;

    private TriggerRegistry(RetryPolicy retryPolicy, int concurrency, boolean broadcast) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (concurrency <= 0) {
            throw new IllegalArgumentException("concurrency must be > 0, was " + concurrency);
        }
        this.concurrency = concurrency;
        this.broadcast = broadcast;
    }

    /** Create a registry with the default policy and concurrency, claiming each occurrence once. */
    public static TriggerRegistry create() {
        return new TriggerRegistry(RetryPolicy.defaults(), DEFAULT_CONCURRENCY, false);
    }

    /**
     * Create a registry.
     *
     * @param retryPolicy how failing handlers are retried before the occurrence is dead-lettered
     * @param concurrency occurrences handled at once per listener
     * @param broadcast {@code true} to run every listener instance's handler for each keyspace event (no claim, no
     *     due-index: the original's semantics, events may be lost); {@code false} for exactly-once claims
     * @throws IllegalArgumentException if {@code concurrency <= 0}
     */
    public static TriggerRegistry create(RetryPolicy retryPolicy, int concurrency, boolean broadcast) {
        return new TriggerRegistry(retryPolicy, concurrency, broadcast);
    }

    /**
     * Register {@code handler} for {@code action}.
     *
     * @return the registration; cancel it to remove the handler
     * @throws IllegalStateException if a handler for {@code action} is already registered
     * @throws IllegalArgumentException if the action is empty
     */
    public Registration on(String action, TriggerHandler handler) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(handler, "handler");
        if (action.isEmpty()) {
            throw new IllegalArgumentException("action must not be empty");
        }
        if (handlers.putIfAbsent(action, handler) != null) {
            throw new IllegalStateException("A handler for action '" + action + "' is already registered");
        }
        return new Single(action, handler);
    }

    /**
     * Register every method of {@code target} annotated with {@link OnTrigger}; each must be public, take one
     * {@link TriggerEvent} and return a {@code Mono} (or another {@code Publisher}, whose completion counts).
     *
     * @return one registration for all of them
     * @throws IllegalArgumentException if a method has the wrong shape or the object has no annotated method
     * @throws IllegalStateException if an action is already registered (nothing of {@code target} is registered)
     */
    public Registration register(Object target) {
        Objects.requireNonNull(target, "target");
        List<Method> methods = new ArrayList<>();
        for (Method method : target.getClass().getMethods()) {
            if (method.isAnnotationPresent(OnTrigger.class)) {
                methods.add(checked(method));
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException(target.getClass().getName() + " has no public @OnTrigger method");
        }
        List<Registration> done = new ArrayList<>();
        try {
            for (Method method : methods) {
                done.add(on(method.getAnnotation(OnTrigger.class).value(), event -> invoke(target, method, event)));
            }
        } catch (RuntimeException e) {
            done.forEach(Registration::cancel);
            throw e;
        }
        return new Composite(done);
    }

    /** Return the actions with a handler. */
    public Set<String> actions() {
        return Set.copyOf(handlers.keySet());
    }

    /** Return how many occurrences arrived for actions without a handler. */
    public long unknownActions() {
        return unknown.get();
    }

    /** Return the retry policy. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Return how many occurrences a listener handles at once. */
    public int concurrency() {
        return concurrency;
    }

    /** Return whether every instance runs every handler. */
    public boolean broadcast() {
        return broadcast;
    }

    /** The handler of {@code action}, or empty (then counted and logged). */
    Optional<TriggerHandler> lookup(String action, String key) {
        TriggerHandler handler = handlers.get(action);
        if (handler == null) {
            unknown.incrementAndGet();
            log.debug("No handler for action '{}' (key '{}')", action, key);
        }
        return Optional.ofNullable(handler);
    }

    boolean has(String action) {
        return handlers.containsKey(action);
    }

    private static Method checked(Method method) {
        boolean shape = method.getParameterCount() == 1 && method.getParameterTypes()[0] == TriggerEvent.class
                && Publisher.class.isAssignableFrom(method.getReturnType())
                && !Modifier.isStatic(method.getModifiers());
        if (!shape) {
            throw new IllegalArgumentException("@OnTrigger method " + method + " must be an instance method taking "
                    + "one TriggerEvent and returning a Mono");
        }
        return method;
    }

    private static Mono<Void> invoke(Object target, Method method, TriggerEvent event) {
        return Mono.defer(() -> {
            try {
                Publisher<?> result = (Publisher<?>) method.invoke(target, event);
                return result == null ? Mono.<Void>empty() : Mono.from(result).then();
            } catch (InvocationTargetException e) {
                Throwable thrown = e.getCause();
                return Mono.error(thrown != null ? thrown : e);
            } catch (IllegalAccessException e) {
                return Mono.error(e);
            }
        });
    }

    /** One action's registration. */
    private final class Single implements Registration {

        private final String action;
        private final TriggerHandler handler;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        Single(String action, TriggerHandler handler) {
            this.action = action;
            this.handler = handler;
        }

        @Override
        public Set<String> actions() {
            return Set.of(action);
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                handlers.remove(action, handler);
            }
        }
    }

    /** The registrations of one annotated object. */
    private static final class Composite implements Registration {

        private final List<Registration> parts;

        Composite(List<Registration> parts) {
            this.parts = List.copyOf(parts);
        }

        @Override
        public Set<String> actions() {
            Set<String> all = new LinkedHashSet<>();
            parts.forEach(part -> all.addAll(part.actions()));
            return all;
        }

        @Override
        public void cancel() {
            parts.forEach(Registration::cancel);
        }
    }
}
