package io.symphony.redis.testsupport;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import reactor.test.StepVerifier;

/**
 * Inject real Redis servers into test constructors, test methods and lifecycle methods.
 *
 * <ul>
 *   <li>{@link TestRedis}: the JVM-wide {@link TestRedis#shared() shared server}.</li>
 *   <li>{@link PrivateRedisServer}: a new server for each parameter, started with the arguments of an optional
 *       {@link RedisServerArgs} and closed when the scope that asked for it ends: after the test method for method
 *       and constructor parameters (per-method lifecycle), after the class for {@code @BeforeAll} parameters.</li>
 * </ul>
 *
 * <p>Before all tests of the class it sets {@link StepVerifier#setDefaultTimeout(Duration)} to 30 s, so that a
 * {@code verify()} without a timeout cannot hang the build. Register it with {@link RedisTest} or
 * {@code @ExtendWith(RedisExtension.class)}.
 */
public final class RedisExtension implements BeforeAllCallback, ParameterResolver {

    /** The default timeout this extension gives every {@link StepVerifier}. */
    public static final Duration STEP_VERIFIER_TIMEOUT = Duration.ofSeconds(30);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    /** Create the extension; JUnit does this when it is registered. */
    public RedisExtension() {
    }

    /** Set the StepVerifier default timeout. */
    @Override
    public void beforeAll(ExtensionContext context) {
        StepVerifier.setDefaultTimeout(STEP_VERIFIER_TIMEOUT);
    }

    /** Resolve constructor parameters in the test-method scope, so that private servers end with each test. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /** Tell whether the parameter is a {@link TestRedis} or a {@link PrivateRedisServer}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestRedis.class || type == PrivateRedisServer.class;
    }

    /** Return the shared server, or start a private one that the current scope's store closes. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == TestRedis.class) {
            return TestRedis.shared();
        }
        String[] args = parameter.findAnnotation(RedisServerArgs.class).map(RedisServerArgs::value)
                .orElse(new String[0]);
        PrivateRedisServer server = PrivateRedisServer.start(args);
        context.getStore(NAMESPACE).put(server, server);
        return server;
    }
}
