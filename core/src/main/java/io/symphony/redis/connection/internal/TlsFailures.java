package io.symphony.redis.connection.internal;

import io.lettuce.core.RedisURI;
import io.symphony.redis.config.internal.PoolEndpoint;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.connection.TlsHandshakeException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Turns a failed TLS connect into a {@link TlsHandshakeException} that says, in words, what went wrong where. */
public final class TlsFailures {

    /** A plain port reads the ClientHello as an unfinished inline command and never answers it. */
    static final String NO_ANSWER = "connection initialization timed out (is this the server's TLS port? a plain "
            + "Redis port never answers a TLS handshake)";

    private TlsFailures() {
    }

    /**
     * The error as a {@link TlsHandshakeException} when an {@link SSLException} caused it on a TLS endpoint;
     * otherwise the error itself.
     */
    public static Throwable translate(PoolEndpoint endpoint, Throwable error) {
        if (error instanceof TlsHandshakeException || !endpoint.uris().get(0).isSsl()) {
            return error;
        }
        SSLException ssl = find(error, SSLException.class);
        if (ssl == null) {
            return messages(error).contains("initialization timed out")
                    ? new TlsHandshakeException(address(endpoint), NO_ANSWER, error)
                    : error;
        }
        return new TlsHandshakeException(address(endpoint), reason(endpoint.tls(), error, ssl), error);
    }

    static String reason(@Nullable TlsOptions tls, Throwable error, SSLException ssl) {
        String text = messages(error);
        if (find(error, CertificateExpiredException.class) != null) {
            return "server certificate expired";
        }
        if (find(error, CertificateNotYetValidException.class) != null) {
            return "server certificate not yet valid";
        }
        if (find(error, CertPathBuilderException.class) != null || text.contains("pkix path")) {
            return "server certificate not trusted (not issued by "
                    + (tls != null && (tls.caCertificate() != null || tls.trustStore() != null)
                            ? "the configured CA)" : "a CA in the JDK's default trust store)");
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return "server certificate does not name this host (verify mode FULL checks it; the certificate needs the"
                    + " host name or IP address as a subject alternative name, or use verify mode CA)";
        }
        if (text.contains("extended key usage does not permit")) {
            return "server certificate is not meant for TLS server authentication (extended key usage)";
        }
        if (text.contains("certificate_required")) {
            return "the server requires a client certificate (tls-auth-clients yes) and none was configured";
        }
        if (text.contains("certificate_expired")) {
            return "the server rejected the client certificate: expired";
        }
        for (String alert : new String[] {"unknown_ca", "bad_certificate", "certificate_unknown", "access_denied",
                "decrypt_error", "certificate_revoked"}) {
            if (text.contains(alert)) {
                return "the server rejected the client certificate (alert " + alert + ")";
            }
        }
        if (text.contains("handshake timed out")) {
            return NO_ANSWER; // Lettuce's initialization timeout and Netty's handshake timeout race
        }
        if (text.contains("unsupported or unrecognized ssl message") || text.contains("not an ssl/tls record")) {
            return "the server did not answer in TLS (is this its TLS port?)";
        }
        if (text.contains("protocol_version") || text.contains("no appropriate protocol")
                || text.contains("handshake_failure")) {
            return "no protocol or cipher suite in common with the server";
        }
        return ssl.getClass().getSimpleName() + ": " + ssl.getMessage();
    }

    private static String address(PoolEndpoint endpoint) {
        return endpoint.uris().stream().map(TlsFailures::address).collect(Collectors.joining(","));
    }

    private static String address(RedisURI uri) {
        if (uri.getHost() == null && !uri.getSentinels().isEmpty()) {
            return uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
                    .collect(Collectors.joining(",", "sentinels ", ""));
        }
        return uri.getHost() + ":" + uri.getPort();
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t : chain(error)) {
            all.append(' ').append(t.getMessage());
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
        for (Throwable t : chain(error)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The error, its causes and their suppressed exceptions (a Cluster topology load suppresses one per seed). */
    private static List<Throwable> chain(Throwable error) {
        List<Throwable> all = new ArrayList<>();
        Deque<Throwable> todo = new ArrayDeque<>(List.of(error));
        while (!todo.isEmpty() && all.size() < 64) {
            Throwable t = todo.poll();
            if (all.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(Arrays.asList(t.getSuppressed()));
        }
        return all;
    }
}
