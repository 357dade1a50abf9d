package io.symphony.redis.connection.internal;

import io.lettuce.core.event.connection.ConnectionEvent;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the connection URI and endpoint id that Lettuce's connection events carry. Lettuce 7.7 keeps their getters
 * package-private ({@code ConnectionEventSupport#getRedisUri}, {@code #getEpId}; its own JFR events read them), and
 * nothing else in an event names the (server, DB) a connection belongs to, so they are read reflectively. Lettuce's
 * automatic module opens its packages. If a Lettuce version removes them, this logs one WARN and returns
 * {@code null}: connection events are then not attributed to targets (connection meters stay empty), nothing fails.
 */
final class LettuceEventFields {

    private static final Logger log = LoggerFactory.getLogger(LettuceEventFields.class);
    private static final String SUPPORT = "io.lettuce.core.event.connection.ConnectionEventSupport";
    private static final @Nullable Method REDIS_URI = getter("getRedisUri");
    private static final @Nullable Method ENDPOINT_ID = getter("getEpId");

    private LettuceEventFields() {
    }

    private static @Nullable Method getter(String name) {
        try {
            Method method = Class.forName(SUPPORT).getDeclaredMethod(name);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot read {}.{}() of this Lettuce version ({}); connection events are not attributed to "
                    + "pool targets, so connection meters stay empty", SUPPORT, name, e.toString());
            return null;
        }
    }

    /** The URI of the event's connection as Lettuce prints it (password masked), or {@code null}. */
    static @Nullable String redisUri(ConnectionEvent event) {
        return read(REDIS_URI, event);
    }

    /** The id of the event's Lettuce endpoint (stable across re-connects of one connection), or {@code null}. */
    static @Nullable String endpointId(ConnectionEvent event) {
        return read(ENDPOINT_ID, event);
    }

    private static @Nullable String read(@Nullable Method getter, ConnectionEvent event) {
        if (getter == null || !getter.getDeclaringClass().isInstance(event)) {
            return null;
        }
        try {
            return (String) getter.invoke(event);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
