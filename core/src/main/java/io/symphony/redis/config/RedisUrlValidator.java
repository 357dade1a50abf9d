package io.symphony.redis.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Rejects the parts of a Redis URL that Lettuce would ignore or misread without a word: a port that is not a number
 * in 1-65535, a DB path that is not a number, a query parameter Lettuce does not know, or a known one with a value it
 * would drop ({@code ?timeout=banana} leaves the default in place). Messages name the part and its value, and the
 * URL with its password masked and its query left out; the value of an unknown parameter is never echoed, since it
 * may be a secret.
 */
final class RedisUrlValidator {

    /** The query parameters {@code io.lettuce.core.RedisURI} reads, as it matches them (lower case). */
    static final List<String> PARAMETERS = List.of("timeout", "database", "db", "clientName", "libraryName",
            "libraryVersion", "verifyPeer", "sentinelMasterId");

    private static final Pattern TIMEOUT = Pattern.compile("\\d{1,18}(ns|us|ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern DB_PATH = Pattern.compile("/?|/\\d{1,9}");
    private static final List<String> VERIFY_MODES = List.of("none", "ca", "full");

    private RedisUrlValidator() {
    }

    /** Throw {@link IllegalArgumentException} naming the first malformed part of {@code url}. */
    static void validate(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String where = where(url);
        String rest = url.substring(schemeEnd + 3);
        rest = rest.substring(rest.lastIndexOf('@') + 1);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            validateQuery(rest.substring(query + 1), where);
            rest = rest.substring(0, query);
        }
        if (scheme.startsWith("redis-socket")) {
            return;
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            validatePath(rest.substring(slash), where);
            rest = rest.substring(0, slash);
        }
        for (String node : rest.split(",")) {
            validateNode(node.strip(), where);
        }
    }

    private static void validateNode(String node, String where) {
        String port;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid host '" + node + "' in Redis URL '" + where
                        + "': an IPv6 address needs a closing ']'");
            }
            String after = node.substring(close + 1);
            if (after.isEmpty()) {
                return;
            }
            if (!after.startsWith(":")) {
                throw new IllegalArgumentException("Invalid host '" + node + "' in Redis URL '" + where + "'");
            }
            port = after.substring(1);
        } else {
            int colon = node.indexOf(':');
            if (colon < 0 || colon != node.lastIndexOf(':')) {
                return;
            }
            if (colon == 0) {
                throw new IllegalArgumentException("Invalid host '" + node + "' in Redis URL '" + where
                        + "': the host is missing");
            }
            port = node.substring(colon + 1);
        }
        if (!NUMBER.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("Invalid port '" + port + "' in Redis URL '" + where
                    + "': expected a number from 1 to 65535");
        }
    }

    private static void validatePath(String path, String where) {
        if (!DB_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("Invalid database '" + path + "' in Redis URL '" + where
                    + "': expected /<number>, for example /3");
        }
    }

    private static void validateQuery(String query, String where) {
        for (String pair : query.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String known = known(name);
            if (known == null) {
                throw new IllegalArgumentException("Unknown query parameter '" + name + "' in Redis URL '" + where
                        + "'; supported: " + String.join(", ", PARAMETERS));
            }
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            String expected = expectation(known, value);
            if (expected != null) {
                throw new IllegalArgumentException("Invalid value '" + value + "' for query parameter '" + name
                        + "' in Redis URL '" + where + "': expected " + expected);
            }
        }
    }

    /** The parameter as listed in {@link #PARAMETERS}, matched the way Lettuce does, or {@code null}. */
    private static @Nullable String known(String name) {
        if (name.equals("db")) {
            return name;
        }
        for (String parameter : PARAMETERS) {
            if (!parameter.equals("db") && parameter.equalsIgnoreCase(name)) {
                return parameter;
            }
        }
        return null;
    }

    /** What a valid value looks like, or {@code null} when {@code value} is valid. */
    private static @Nullable String expectation(String parameter, String value) {
        return switch (parameter) {
            case "timeout" -> TIMEOUT.matcher(value).matches() && value.chars().anyMatch(c -> c > '0' && c <= '9')
                    ? null
                    : "a positive number with an optional unit ns, us, ms, s, m, h or d (no unit: ms), "
                            + "for example timeout=5s";
            case "database", "db" -> NUMBER.matcher(value).matches() ? null : "a DB number, for example db=3";
            case "verifyPeer" -> VERIFY_MODES.contains(value.toLowerCase(Locale.ROOT)) ? null
                    : "NONE, CA or FULL";
            default -> value.isBlank() ? "a non-blank value" : null;
        };
    }

    /** The URL with its password masked and its query left out (a query value may be a secret). */
    private static String where(String url) {
        String redacted = UrlRedactor.redact(url);
        int at = redacted.lastIndexOf('@');
        int query = redacted.indexOf('?', Math.max(at, 0));
        if (query < 0) {
            return redacted;
        }
        int fragment = redacted.indexOf('#', query);
        return redacted.substring(0, query) + (fragment < 0 ? "" : redacted.substring(fragment));
    }
}
