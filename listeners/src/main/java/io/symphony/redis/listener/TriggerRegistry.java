package io.symphony.redis.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Handlers per trigger action, and how they run: the retry policy, the number of occurrences handled at once, and
 * whether an occurrence runs on one listener instance (the default: claimed exactly once among all instances) or on
 * every instance ({@code broadcast}).
 *
 * <p>Unlike the original's decorator registry, a second handler for one action is an error, actions are matched
 * exactly (a {@code :} in an action works), and due triggers of actions nobody registered are counted
 * ({@link #unknownActions()}), logged at WARN once per action and left for an instance that has the handler or
 * dead-lettered ({@link UnhandledActions}). A registry is one service's: it owns a namespace (the due-index,
 * in-flight set and dead letters its listeners use, see {@link Builder#namespace(String)}), so services sharing one
 * Redis never claim or dead-letter each other's triggers. Thread-safe; handlers may be added and cancelled while a
 * listener runs.
 *
 * @since 0.1
 */
public final class TriggerRegistry {

    /** Default number of occurrences handled at once per listener: 64. */
    public static final int DEFAULT_CONCURRENCY = 64;

    private static final Logger log = LoggerFactory.getLogger(TriggerRegistry.class);

    /** Most actions remembered as already warned about; past it, unhandled actions are still counted. */
    private static final int MAX_WARNED_ACTIONS = 1_000;

    private final ConcurrentMap<String, TriggerHandler> handlers = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicLong unknown = new AtomicLong();
    private final RetryPolicy retryPolicy;
    private final int concurrency;
    private final boolean broadcast;
    private final String namespace;
    private final UnhandledActions unhandled;

    private TriggerRegistry(Builder builder) {
        this.retryPolicy = builder.retryPolicy;
        this.concurrency = builder.concurrency;
        this.broadcast = builder.broadcast;
        this.namespace = builder.namespace;
        this.unhandled = builder.unhandled;
    }

    /** Create a registry of the default namespace with the default policy and concurrency, claiming each once. */
    public static TriggerRegistry create() {
        return builder().build();
    }

    /** Return a builder holding the defaults (default namespace, policy and concurrency; claims; LEAVE). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Create a registry.
     *
     * @param retryPolicy how failing handlers are retried before the occurrence is dead-lettered
     * @param concurrency occurrences handled at once per listener
     * @param broadcast {@code true} to run every listener instance's handler for each keyspace event (no claim, no
     *     due-index: the original's semantics, events may be lost); {@code false} for exactly-once claims
     * @throws IllegalArgumentException if {@code concurrency <= 0}
     * @see #builder()
     */
    public static TriggerRegistry create(RetryPolicy retryPolicy, int concurrency, boolean broadcast) {
        return builder().retryPolicy(retryPolicy).concurrency(concurrency).broadcast(broadcast).build();
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
     * Register every method of {@code target} annotated with {@link OnTrigger}, declared on its class or a
     * superclass, of any visibility (as Spring's {@code @EventListener} methods may be package-private). Each must be
     * an instance method taking one {@link TriggerEvent}; what it returns decides what "done" means, and the claim is
     * acknowledged only then:
     * <ul>
     * <li>a {@code Publisher} ({@code Mono}, {@code Flux}, ...): its completion, after every element (elements are
     * ignored; an error or the policy's timeout is a failed attempt);</li>
     * <li>a {@code CompletionStage} ({@code CompletableFuture}): its completion;</li>
     * <li>{@code void} or {@code Void}: the method returning; it may block, since handlers run on the listener's
     * handler scheduler, never a Redis I/O thread.</li>
     * </ul>
     * A {@code null} publisher or stage counts as done.
     *
     * @return one registration for all of them
     * @throws IllegalArgumentException if a method has another shape or cannot be made callable (a package of a named
     *     module not opened to {@code io.symphony.redis.listeners}; the message names the method), or the object has no
     *     annotated method
     * @throws IllegalStateException if an action is already registered (nothing of {@code target} is registered)
     */
    public Registration register(Object target) {
        Objects.requireNonNull(target, "target");
        List<Method> methods = annotatedMethods(target.getClass());
        if (methods.isEmpty()) {
            throw new IllegalArgumentException(target.getClass().getName() + " has no @OnTrigger method");
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

    /**
     * Return the namespace (service) whose due-index, in-flight set and dead letters this registry's listeners use;
     * empty for the default namespace. Triggers reach it when set with {@code RedisTrigger.inNamespace} of the same
     * name.
     */
    public String namespace() {
        return namespace;
    }

    /** Return what a listener does with a due trigger of this namespace whose action has no handler. */
    public UnhandledActions unhandledActions() {
        return unhandled;
    }

    /** The handler of {@code action}, or empty (then counted and logged). */
    Optional<TriggerHandler> lookup(String action, String key) {
        TriggerHandler handler = handlers.get(action);
        if (handler == null) {
            unhandled(action, key);
        }
        return Optional.ofNullable(handler);
    }

    /** Count an occurrence of an action without a handler; WARN the first time per action. */
    void unhandled(String action, String key) {
        unknown.incrementAndGet();
        if (warned.size() < MAX_WARNED_ACTIONS && warned.add(action)) {
            log.warn("No handler for action '{}' in trigger namespace '{}' (first key '{}'); {} (logged once per "
                    + "action, counted in unknownActions())", action, namespace, key,
                    unhandled == UnhandledActions.LEAVE ? "left in the due-index for an instance that has one"
                            : "dead-lettered");
        } else {
            log.debug("No handler for action '{}' (key '{}')", action, key);
        }
    }

    boolean has(String action) {
        return handlers.containsKey(action);
    }

    /** The {@code @OnTrigger} methods of the class and its superclasses; an override hides what it overrides. */
    private static List<Method> annotatedMethods(Class<?> type) {
        List<Method> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> declaring = type; declaring != null && declaring != Object.class;
                declaring = declaring.getSuperclass()) {
            for (Method method : declaring.getDeclaredMethods()) {
                if (method.isBridge() || method.isSynthetic()
                        || !seen.add(method.getName() + Arrays.toString(method.getParameterTypes()))) {
                    continue;
                }
                if (method.isAnnotationPresent(OnTrigger.class)) {
                    found.add(callable(checked(method)));
                }
            }
        }
        return found;
    }

    private static Method callable(Method method) {
        if (!method.trySetAccessible()) {
            throw new IllegalArgumentException("@OnTrigger method " + method + " cannot be called by module "
                    + "io.symphony.redis.listeners: make it and its class public in an exported package, or open the "
                    + "package to that module");
        }
        return method;
    }

    private static Method checked(Method method) {
        Class<?> returns = method.getReturnType();
        boolean knownResult = returns == void.class || returns == Void.class
                || Publisher.class.isAssignableFrom(returns) || CompletionStage.class.isAssignableFrom(returns);
        boolean shape = method.getParameterCount() == 1 && method.getParameterTypes()[0] == TriggerEvent.class
                && knownResult && !Modifier.isStatic(method.getModifiers());
        if (!shape) {
            throw new IllegalArgumentException("@OnTrigger method " + method + " must be an instance method taking "
                    + "one TriggerEvent and returning void, a Publisher (Mono, Flux) or a CompletionStage");
        }
        return method;
    }

    private static Mono<Void> invoke(Object target, Method method, TriggerEvent event) {
        return Mono.defer(() -> {
            Object result;
            try {
                result = method.invoke(target, event);
            } catch (InvocationTargetException e) {
                Throwable thrown = e.getCause();
                return Mono.error(thrown != null ? thrown : e);
            } catch (IllegalAccessException e) {
                return Mono.error(e);
            }
            return completionOf(result);
        });
    }

    /** Completes when the handler's work does: every element of a publisher, or the stage; never cut short. */
    private static Mono<Void> completionOf(@Nullable Object result) {
        if (result instanceof Publisher<?> publisher) {
            return Flux.from(publisher).then();
        }
        if (result instanceof CompletionStage<?> stage) {
            return Mono.fromCompletionStage(stage).then();
        }
        return Mono.empty();
    }

    /** Builder of {@link TriggerRegistry}; each setter rejects a bad value at once, naming it. */
    public static final class Builder {

        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int concurrency = DEFAULT_CONCURRENCY;
        private boolean broadcast;
        private String namespace = "";
        private UnhandledActions unhandled = UnhandledActions.LEAVE;

        private Builder() {
        }

        /** Set how failing handlers are retried before the occurrence is dead-lettered (default: defaults()). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * Set how many occurrences a listener handles at once (default {@value TriggerRegistry#DEFAULT_CONCURRENCY}).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder concurrency(int occurrences) {
            if (occurrences <= 0) {
                throw new IllegalArgumentException("concurrency must be > 0, was " + occurrences);
            }
            this.concurrency = occurrences;
            return this;
        }

        /**
         * Set broadcast mode: {@code true} runs every instance's handler for each keyspace event (no claim, no
         * due-index: the original's semantics, events may be lost); {@code false} (default) claims exactly once.
         */
        public Builder broadcast(boolean everyInstance) {
            this.broadcast = everyInstance;
            return this;
        }

        /**
         * Set the namespace (service) this registry owns (default: the empty, default namespace). Its listeners
         * claim only from this namespace's due-index and dead-letter only into its own hash.
         *
         * @throws IllegalArgumentException if it holds characters no key component may contain
         */
        public Builder namespace(String service) {
            Objects.requireNonNull(service, "namespace");
            if (!service.isEmpty()) {
                io.symphony.redis.keys.KeyFactory.escape(service);
            }
            this.namespace = service;
            return this;
        }

        /** Set what happens to a due trigger whose action has no handler (default {@link UnhandledActions#LEAVE}). */
        public Builder unhandledActions(UnhandledActions policy) {
            this.unhandled = Objects.requireNonNull(policy, "unhandledActions");
            return this;
        }

        /** Return the registry (no handlers yet). */
        public TriggerRegistry build() {
            return new TriggerRegistry(this);
        }
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
