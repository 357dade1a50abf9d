package io.symphony.redis.keys;

import java.nio.charset.StandardCharsets;

/**
 * A test-only port of Redis' glob matcher ({@code stringmatchlen} in {@code util.c}, case-sensitive), over the
 * UTF-8 bytes of pattern and key, so that unit tests can check SCAN {@code MATCH} patterns without a server.
 * {@code KeyPatternIntegrationTests} checks that it agrees with a real Redis.
 */
final class RedisGlob {

    private static final int MAX_NESTING = 1000;

    private RedisGlob() {
    }

    static boolean matches(String pattern, String key) {
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        byte[] s = key.getBytes(StandardCharsets.UTF_8);
        return match(p, 0, s, 0, new boolean[1], 0);
    }

    /** The byte at {@code i}, or 0 past the end, as C reads the terminating NUL. */
    private static int at(byte[] a, int i) {
        return i < a.length ? a[i] : 0;
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean[] skipLonger, int nesting) {
        if (nesting > MAX_NESTING) {
            return false;
        }
        while (pi < p.length && si < s.length) {
            switch (p[pi]) {
                case '*':
                    while (pi < p.length && at(p, pi + 1) == '*') {
                        pi++;
                    }
                    if (pi == p.length - 1) {
                        return true;
                    }
                    while (si < s.length) {
                        if (match(p, pi + 1, s, si, skipLonger, nesting + 1)) {
                            return true;
                        }
                        if (skipLonger[0]) {
                            return false;
                        }
                        si++;
                    }
                    skipLonger[0] = true;
                    return false;
                case '?':
                    si++;
                    break;
                case '[':
                    pi = matchClass(p, pi + 1, s[si]);
                    if (pi < 0) {
                        return false;
                    }
                    si++;
                    break;
                case '\\':
                    if (p.length - pi >= 2) {
                        pi++;
                    }
                    if (p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                    break;
                default:
                    if (p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                    break;
            }
            pi++;
            if (si == s.length) {
                while (at(p, pi) == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == p.length && si == s.length;
    }

    /**
     * Match one byte against the class starting at {@code pi} (just after {@code [}); return the index of the
     * class' last byte (the {@code ]}), or -1 if the byte does not match.
     */
    private static int matchClass(byte[] p, int pi, byte c) {
        boolean not = at(p, pi) == '^';
        if (not) {
            pi++;
        }
        boolean match = false;
        while (true) {
            int remaining = p.length - pi;
            if (at(p, pi) == '\\' && remaining >= 2) {
                pi++;
                if (p[pi] == c) {
                    match = true;
                }
            } else if (at(p, pi) == ']') {
                break;
            } else if (remaining == 0) {
                pi--;
                break;
            } else if (remaining >= 3 && p[pi + 1] == '-') {
                int start = Math.min(p[pi], p[pi + 2]);
                int end = Math.max(p[pi], p[pi + 2]);
                pi += 2;
                if (c >= start && c <= end) {
                    match = true;
                }
            } else if (p[pi] == c) {
                match = true;
            }
            pi++;
        }
        return match != not ? pi : -1;
    }
}
