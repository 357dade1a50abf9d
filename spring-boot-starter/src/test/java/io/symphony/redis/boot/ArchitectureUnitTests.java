package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.symphony.redis.boot.archfixture.BlocksOnPurpose;
import io.symphony.redis.boot.archfixture.LeaksInternalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/**
 * The house rules that a compiler does not check, over the main classes of every library module (core,
 * reactive-repositories, listeners, micrometer, webflux, spring-boot-starter: this module's test class path holds
 * them all).
 *
 * <p>Classes are matched by their simple names and modules by where their class files come from, not by package, so
 * the rules keep holding when implementation classes move into {@code internal} packages. Each rule is also run
 * against a fixture that breaks it, so a rule that no longer matches anything fails here too.
 */
class ArchitectureUnitTests {

    /** The library modules, each with the modules its main code may use. */
    private static final Map<String, Set<String>> ALLOWED_MODULES = Map.of(
            "core", Set.of("core"),
            "reactive-repositories", Set.of("reactive-repositories", "core"),
            "listeners", Set.of("listeners", "reactive-repositories", "core"),
            "micrometer", Set.of("micrometer", "listeners", "reactive-repositories", "core"),
            "webflux", Set.of("webflux", "listeners", "reactive-repositories", "core"),
            "spring-boot-starter",
            Set.of("spring-boot-starter", "micrometer", "webflux", "listeners", "reactive-repositories", "core"));

    /** Modules no library main code may use: test kits and applications. */
    private static final List<String> NEVER_USED_PACKAGES = List.of("io.symphony.redis.testsupport",
            "io.symphony.redis.examples", "io.symphony.redis.benchmarks");

    /**
     * The blocking bridge: classes whose job is to let synchronous code wait for a reactive result, on a thread that
     * may block (see README, "Blocking bridge").
     */
    private static final Set<String> BLOCKING_BRIDGE = Set.of("BlockingBridge", "ToolContext", "SymphonyTool");

    /**
     * Lifecycle methods that may block or subscribe, each with the reason. Anything else that blocks or subscribes
     * in library code fails the build.
     */
    private static final Map<String, String> LIFECYCLE_EXCEPTIONS = Map.ofEntries(
            Map.entry("ListenerLifecycle.start", "Spring SmartLifecycle.start() is synchronous: waits for the listener"),
            Map.entry("ListenerLifecycle.stop", "Spring SmartLifecycle.stop() is synchronous: waits for the listener"),
            Map.entry("RuntimeCloser.destroy",
                    "Spring DisposableBean.destroy() is synchronous: waits for the runtime to close"),
            Map.entry("RuntimeConfiguration.symphonyRuntime",
                    "Spring @Bean factory at application start-up: later beans need a connected runtime"),
            Map.entry("TriggerListener.start",
                    "subscribes the listener's own long-running pipeline and lease renewals; stop() disposes them"),
            Map.entry("CancelSafeConnect.connect",
                    "closes a connection that completes after its subscriber cancelled: nobody is left to await it"),
            Map.entry("LettuceConnector.closedAfterShutdown",
                    "closes a connection that completes after the clients shut down: nobody is left to await it"),
            Map.entry("TriggerMeters.started",
                    "follows a running listener's states and due-index size for its gauges; stopped() disposes them"),
            Map.entry("ConnectionEventsWatcher.watch",
                    "follows the Lettuce event bus for a connection observer; the runtime's close disposes it"),
            Map.entry("ReleaseScope.track",
                    "releases a resource opened after its creating publisher was cancelled: nobody is left to await"));

    private static final Set<String> BLOCKING_PUBLISHER_METHODS = Set.of("block", "blockFirst", "blockLast",
            "blockOptional", "toIterable", "toStream", "subscribe", "subscribeWith");

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.symphony.redis");
        library = all.that(DescribedPredicate.describe("in a library module",
                javaClass -> ALLOWED_MODULES.containsKey(moduleOf(javaClass).orElse(""))));
        // Guard against a rule that passes because it sees nothing (a class path or module naming change).
        for (String module : ALLOWED_MODULES.keySet()) {
            assertThat(library.stream().filter(c -> moduleOf(c).orElse("").equals(module)))
                    .as("main classes of module %s", module).isNotEmpty();
        }
    }

    @Test
    void libraryCodeBlocksAndSubscribesOnlyInTheBridgeAndNamedLifecycleMethods() {
        noBlockingOutsideTheBridge().check(library);
    }

    @Test
    void blockingRuleCatchesABlockingCall() {
        JavaClasses fixture = new ClassFileImporter().importClasses(BlocksOnPurpose.class);
        assertThat(noBlockingOutsideTheBridge().evaluate(fixture).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("BlocksOnPurpose.waitForIt") && line.contains("block"))
                .anyMatch(line -> line.contains("BlocksOnPurpose.fireAndForget") && line.contains("subscribe"))
                .anyMatch(line -> line.contains("BlocksOnPurpose.join") && line.contains("join"))
                .hasSize(3);
    }

    @Test
    void publicApiExposesNoInternalType() {
        noInternalTypeInPublicSignatures().check(library);
    }

    @Test
    void internalTypeRuleCatchesALeak() {
        JavaClasses fixture = new ClassFileImporter().importPackagesOf(LeaksInternalType.class);
        assertThat(noInternalTypeInPublicSignatures().evaluate(fixture).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("LeaksInternalType.helper()"))
                .anyMatch(line -> line.contains("LeaksInternalType.accept("))
                .anyMatch(line -> line.contains("LeaksInternalType.exposed"))
                .anyMatch(line -> line.contains("LeaksInternalType") && line.contains("supertype"))
                .hasSize(4);
    }

    @Test
    void modulesDependOnlyOnTheModulesBelowThem() {
        ArchRule rule = ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>(
                "depend only on the library modules below their own (core <- reactive-repositories <- listeners "
                        + "<- micrometer, webflux <- spring-boot-starter) and never on test-support, examples or "
                        + "benchmarks") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = moduleOf(origin).orElseThrow();
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    boolean forbidden = NEVER_USED_PACKAGES.stream().anyMatch(p -> inPackage(target, p))
                            || moduleOf(target).filter(ALLOWED_MODULES::containsKey)
                                    .filter(to -> !ALLOWED_MODULES.get(from).contains(to)).isPresent();
                    if (forbidden) {
                        events.add(SimpleConditionEvent.violated(dependency, from + " -> "
                                + moduleOf(target).orElse(target.getPackageName()) + ": "
                                + dependency.getDescription()));
                    }
                });
            }
        });
        rule.check(library);
    }

    @Test
    void libraryCodeUsesNoThreadLocal() {
        // Reactor hops threads: per-request state lives in the Reactor Context (SymphonyContext), never in a thread.
        // The MDC accessor of symphony-redis-micrometer keeps its value in the MDC itself, no thread-local of its own.
        ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().areAssignableTo(ThreadLocal.class)
                .check(library);
    }

    static ArchRule noBlockingOutsideTheBridge() {
        return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>("block or subscribe only in the "
                + "blocking bridge " + BLOCKING_BRIDGE + ", the lifecycle methods " + LIFECYCLE_EXCEPTIONS.keySet()
                + " and the operators of internal packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                if (BLOCKING_BRIDGE.contains(topLevel(origin).getSimpleName()) || isInternalOperator(origin)) {
                    return;
                }
                origin.getMethodCallsFromSelf().forEach(call -> {
                    if (isBlockingOrSubscribing(call) && !isNamedLifecycleException(call)) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                });
            }
        });
    }

    static ArchRule noInternalTypeInPublicSignatures() {
        return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>(
                "expose no type of an internal package in the signature of a public type outside one") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (!isApi(type)) {
                    return;
                }
                List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
                type.getSuperclass().ifPresent(supertypes::add);
                supertypes.forEach(supertype -> report(events, type, type.getName() + " has the supertype",
                        supertype));
                for (JavaMember member : type.getMembers()) {
                    if (!isVisibleOutside(member)) {
                        continue;
                    }
                    if (member instanceof JavaField field) {
                        report(events, field, field.getFullName(), field.getType());
                    } else if (member instanceof JavaCodeUnit code) {
                        report(events, code, code.getFullName() + " returns", code.getReturnType());
                        code.getParameterTypes().forEach(p -> report(events, code,
                                code.getFullName() + " takes", p));
                        code.getExceptionTypes().forEach(e -> report(events, code,
                                code.getFullName() + " throws", e));
                    }
                }
            }

            private void report(ConditionEvents events, Object where, String what, JavaType type) {
                type.getAllInvolvedRawTypes().stream().filter(ArchitectureUnitTests::isInternal).forEach(raw ->
                        events.add(SimpleConditionEvent.violated(where, what + " " + raw.getName())));
            }
        });
    }

    /**
     * A publisher of an internal package (or its subscriber): an operator subscribes its source when it is itself
     * subscribed, which is how Reactor's own operators work, not a subscription started inside one.
     */
    private static boolean isInternalOperator(JavaClass origin) {
        JavaClass top = topLevel(origin);
        return isInternal(top) && top.isAssignableTo(Publisher.class);
    }

    private static boolean isBlockingOrSubscribing(JavaAccess<?> call) {
        JavaClass owner = call.getTargetOwner();
        String name = call.getName();
        if (owner.isAssignableTo(Publisher.class)) {
            return BLOCKING_PUBLISHER_METHODS.contains(name);
        }
        return (owner.isAssignableTo(Future.class) && name.equals("get"))
                || (owner.isAssignableTo(CompletableFuture.class) && name.equals("join"));
    }

    private static boolean isNamedLifecycleException(JavaAccess<?> call) {
        JavaCodeUnit origin = call.getOrigin();
        String method = origin.getName();
        // a lambda inside the method is compiled to lambda$<method>$<n>
        if (method.startsWith("lambda$")) {
            method = method.split("\\$")[1];
        }
        return LIFECYCLE_EXCEPTIONS.containsKey(origin.getOwner().getSimpleName() + "." + method);
    }

    private static boolean isApi(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC) && !isInternal(type)
                && type.getEnclosingClass().map(ArchitectureUnitTests::isApi).orElse(true);
    }

    private static boolean isVisibleOutside(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE)
                && (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED));
    }

    private static boolean isInternal(JavaClass type) {
        String name = type.getPackageName();
        return name.endsWith(".internal") || name.contains(".internal.");
    }

    private static boolean inPackage(JavaClass type, String packageName) {
        return type.getPackageName().equals(packageName) || type.getPackageName().startsWith(packageName + ".");
    }

    private static JavaClass topLevel(JavaClass type) {
        return type.getEnclosingClass().map(ArchitectureUnitTests::topLevel).orElse(type);
    }

    /**
     * Name the Maven module a class file comes from: its {@code <module>/target/classes} directory in a reactor build,
     * or its {@code symphony-redis-<module>-<version>.jar}.
     */
    static Optional<String> moduleOf(JavaClass type) {
        return type.getSource().map(source -> source.getUri().toString()).flatMap(uri -> {
            for (String module : List.of("reactive-repositories", "test-support", "listeners", "spring-boot-starter",
                    "micrometer", "webflux", "core", "examples", "benchmarks")) {
                if (uri.contains("/" + module + "/target/") || uri.contains("/symphony-redis-" + module + "-")) {
                    return Optional.of(module);
                }
            }
            return Optional.empty();
        });
    }
}
