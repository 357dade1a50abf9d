package io.symphony.redis.config;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Turns configured URL strings into Lettuce URIs without ever echoing a password. */
final class RedisUrlParser {

    static final String CLUSTER_SCHEME = "redis-cluster://";
    static final String CLUSTER_TLS_SCHEME = "rediss-cluster://";

    private RedisUrlParser() {
    }

    static boolean isCluster(String url) {
        return url.startsWith(CLUSTER_SCHEME) || url.startsWith(CLUSTER_TLS_SCHEME);
    }

    /** Parse a standalone ({@code redis://}, {@code rediss://}) or Sentinel ({@code redis-sentinel://}) URL. */
    static RedisURI parse(String url) {
        RedisUrlValidator.validate(url);
        try {
            return RedisURI.create(url);
        } catch (RuntimeException e) {
            // Lettuce messages may quote the URL, password included: keep only the exception type.
            throw new IllegalArgumentException("Invalid Redis URL '" + UrlRedactor.redact(url) + "' ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Parse {@code redis-cluster://[user:pass@]h1:p1,h2:p2[?query]} into one seed URI per node; every seed carries
     * the credentials, TLS and query options of the whole URL.
     */
    static List<RedisURI> parseClusterSeeds(String url) {
        RedisUrlValidator.validate(url);
        boolean tls = url.startsWith(CLUSTER_TLS_SCHEME);
        String rest = url.substring(tls ? CLUSTER_TLS_SCHEME.length() : CLUSTER_SCHEME.length());
        String userInfo = "";
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo = rest.substring(0, at + 1);
            rest = rest.substring(at + 1);
        }
        String suffix = "";
        int cut = indexOfAny(rest, '/', '?');
        if (cut >= 0) {
            suffix = rest.substring(cut);
            rest = rest.substring(0, cut);
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String node : rest.split(",")) {
            if (!node.isBlank()) {
                seeds.add(parse((tls ? "rediss://" : "redis://") + userInfo + node.trim() + stripPath(suffix)));
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("Cluster URL '" + UrlRedactor.redact(url) + "' names no node");
        }
        return seeds;
    }

    /** Whether the URL selects a DB explicitly, by path ({@code /3}) or query ({@code ?database=3}). */
    static boolean namesDatabase(String url, RedisURI parsed) {
        if (parsed.getDatabase() != 0) {
            return true;
        }
        try {
            String path = URI.create(url).getRawPath();
            return path != null && path.matches("/\\d+/?");
        } catch (IllegalArgumentException notHierarchical) {
            return false;
        }
    }

    private static String stripPath(String suffix) {
        int query = suffix.indexOf('?');
        return query < 0 ? "" : suffix.substring(query);
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
