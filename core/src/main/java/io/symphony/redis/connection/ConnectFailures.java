package io.symphony.redis.connection;

import io.lettuce.core.RedisCommandTimeoutException;
import io.symphony.redis.RedisConnectException;
import io.symphony.redis.RedisConnectException.Reason;
import io.symphony.redis.config.PoolEndpoint;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what Lettuce reports for a failed connect into a {@link RedisConnectException} whose own message says what
 * happened. Lettuce wraps the telling failure ({@code WRONGPASS}, a refused or timed-out socket, an unresolvable
 * host) two or three causes deep under "Unable to connect to host:port", so the whole chain is searched, suppressed
 * exceptions included; the most specific finding wins.
 */
final class ConnectFailures {

    private static final int MAX_CHAIN = 32;

    private ConnectFailures() {
    }

    /**
     * The exception to signal when {@code endpoint} could not connect. {@code connectTimeout} bounds the TCP
     * connect; the handshake after it is bounded by the connect timeout too, except on Redis Cluster, where Lettuce
     * bounds the handshake of the topology load by the seed URI's timeout (the command timeout).
     */
    static RedisConnectException describe(PoolEndpoint endpoint, Duration connectTimeout, Throwable error) {
        Finding finding = diagnose(chain(error), connectTimeout, endpoint.cluster()
                ? endpoint.uris().get(0).getTimeout() : connectTimeout, endpoint.cluster());
        String message = "Could not connect pool '" + endpoint.alias() + "' to " + endpoint.redactedUrl() + " db "
                + endpoint.db() + ": " + finding.text();
        return new RedisConnectException(endpoint.alias(), endpoint.redactedUrl(), finding.reason(), message, error);
    }

    private static Finding diagnose(List<Throwable> chain, Duration connectTimeout, Duration handshakeTimeout,
            boolean cluster) {
        for (Throwable t : chain) {
            String authentication = authentication(t.getMessage());
            if (authentication != null) {
                return new Finding(Reason.AUTHENTICATION_FAILED, authentication);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                return new Finding(Reason.UNKNOWN_HOST, "unknown host '" + hostOf(t.getMessage()) + "'");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof io.netty.channel.ConnectTimeoutException || t instanceof SocketTimeoutException) {
                return new Finding(Reason.TIMED_OUT, "timed out after " + format(connectTimeout)
                        + " (the connect timeout) opening the TCP connection");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof RedisCommandTimeoutException || t instanceof TimeoutException) {
                return new Finding(Reason.TIMED_OUT, "timed out after " + format(handshakeTimeout) + (cluster
                        ? " (the command timeout, which bounds the Cluster topology load)"
                        : " (the connect timeout)") + " without an answer from the server");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException || contains(t.getMessage(), "connection refused")) {
                return new Finding(Reason.CONNECTION_REFUSED, "connection refused" + addressOf(t.getMessage()));
            }
        }
        return new Finding(Reason.OTHER, innermostMessage(chain));
    }

    private static @Nullable String authentication(@Nullable String message) {
        if (message == null) {
            return null;
        }
        if (message.startsWith("NOAUTH")) {
            return "authentication failed: the server requires a password and the URL gives none (NOAUTH)";
        }
        if (message.startsWith("WRONGPASS") || contains(message, "invalid password")
                || contains(message, "without any password configured")) {
            return "authentication failed (" + message.strip() + ")";
        }
        return null;
    }

    /** Netty says {@code Failed to resolve 'host' [A(1), ...]}, the JDK {@code host: Name or service not known}. */
    private static String hostOf(@Nullable String message) {
        if (message == null) {
            return "?";
        }
        int open = message.indexOf('\'');
        int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
        if (close > open) {
            return message.substring(open + 1, close);
        }
        int colon = message.indexOf(':');
        return (colon < 0 ? message : message.substring(0, colon)).strip();
    }

    /** Netty says {@code Connection refused: /127.0.0.1:6379}. */
    private static String addressOf(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int slash = message.lastIndexOf(": /");
        return slash < 0 ? "" : " by " + message.substring(slash + 3).strip();
    }

    private static String innermostMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = chain.get(i).getMessage();
            if (message != null && !message.isBlank()) {
                return message.strip();
            }
        }
        return chain.get(0).getClass().getName();
    }

    /** The error, its causes and suppressed exceptions, outermost first. */
    private static List<Throwable> chain(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(error);
        while (!next.isEmpty() && chain.size() < MAX_CHAIN) {
            Throwable t = next.poll();
            if (!seen.add(t)) {
                continue;
            }
            chain.add(t);
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            next.addAll(List.of(t.getSuppressed()));
        }
        return chain;
    }

    private static boolean contains(@Nullable String message, String part) {
        return message != null && message.toLowerCase(Locale.ROOT).contains(part);
    }

    /** {@code 10 s}, or {@code 1500 ms} when not a whole number of seconds. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private record Finding(Reason reason, String text) {
    }
}
