package io.symphony.redis.keys;

import org.jspecify.annotations.Nullable;

/**
 * Validation, escaping and glob-escaping of single key components; the rules are documented on
 * {@link KeyFactory}.
 */
final class KeyComponents {

    /** Largest UTF-8 size of one component after escaping. */
    static final int MAX_COMPONENT_BYTES = 512;

    private static final String SPECIALS = "%:*?[]\\{}";
    private static final String GLOB_SPECIALS = "*?[]\\";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** {@link #SPECIALS} as a lookup table: every key component goes through it, character by character. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (int i = 0; i < SPECIALS.length(); i++) {
            SPECIAL[SPECIALS.charAt(i)] = true;
        }
    }

    private KeyComponents() {
    }

    /** Whether {@code c} is one of the nine characters that are percent-encoded. */
    static boolean isSpecial(char c) {
        return c < SPECIAL.length && SPECIAL[c];
    }

    /** Validate {@code value} as a component named {@code name} and return its escaped form. */
    static String escape(@Nullable String value, String name) {
        String reason = rawProblem(value);
        if (reason != null || value == null) {
            throw new IllegalArgumentException(name + " " + reason);
        }
        String escaped = encode(value);
        if (exceedsUtf8(escaped, MAX_COMPONENT_BYTES)) {
            throw new IllegalArgumentException(name + " is " + utf8Length(escaped)
                    + " UTF-8 bytes after escaping, max " + MAX_COMPONENT_BYTES);
        }
        return escaped;
    }

    /** Decode an escaped component, throwing {@link IllegalArgumentException} if it is not canonical. */
    static String unescape(@Nullable String escaped, String name) {
        if (escaped == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        String reason = escapedProblem(escaped);
        if (reason != null) {
            throw new IllegalArgumentException(name + " " + reason);
        }
        return decode(escaped);
    }

    /** Decode an escaped component, or return {@code null} if {@link #escape} could not have produced it. */
    static @Nullable String tryUnescape(String escaped) {
        return escapedProblem(escaped) == null ? decode(escaped) : null;
    }

    /** Backslash-escape the glob metacharacters {@code * ? [ ] \}. */
    static String globEscape(String literal) {
        StringBuilder out = null;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (GLOB_SPECIALS.indexOf(c) >= 0) {
                if (out == null) {
                    out = new StringBuilder(literal.length() + 8).append(literal, 0, i);
                }
                out.append('\\');
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? literal : out.toString();
    }

    /**
     * Whether the UTF-8 encoding of {@code s} is longer than {@code maxBytes}; counted only when it can be, since a
     * char is at most 3 bytes (a surrogate pair 4 for 2 chars). Every key and component is checked, most are short.
     */
    static boolean exceedsUtf8(String s, int maxBytes) {
        return 3L * s.length() > maxBytes && utf8Length(s) > maxBytes;
    }

    /** Number of bytes of the UTF-8 encoding of a string without unpaired surrogates. */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Why {@code value} cannot be a component before escaping, or {@code null} if it can. */
    private static @Nullable String rawProblem(@Nullable String value) {
        if (value == null) {
            return "must not be null";
        }
        if (value.isEmpty()) {
            return "must not be empty";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue; // printable ASCII, the usual case
            }
            if (Character.isISOControl(c)) {
                return String.format("must not contain the control character U+%04X (at index %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must not contain the unpaired surrogate U+%04X (at index %d)", (int) c, i);
            }
        }
        return null;
    }

    /** Why {@code escaped} is not the output of {@link #escape}, or {@code null} if it is. */
    private static @Nullable String escapedProblem(String escaped) {
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') {
                if (!isCanonicalEscape(escaped, i)) {
                    return "has a malformed escape at index " + i
                            + " (expected %25 %3A %2A %3F %5B %5D %5C %7B or %7D)";
                }
                i += 2;
            } else if (isSpecial(c)) {
                return "contains the unescaped character '" + c + "' at index " + i;
            }
        }
        String raw = rawProblem(escaped);
        if (raw != null) {
            return raw;
        }
        int bytes = utf8Length(escaped);
        return bytes > MAX_COMPONENT_BYTES ? "is " + bytes + " UTF-8 bytes, max " + MAX_COMPONENT_BYTES : null;
    }

    private static boolean isCanonicalEscape(String s, int percent) {
        if (percent + 2 >= s.length()) {
            return false;
        }
        int hi = hexValue(s.charAt(percent + 1));
        int lo = hexValue(s.charAt(percent + 2));
        return hi >= 0 && lo >= 0 && isSpecial((char) (hi * 16 + lo));
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static String encode(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSpecial(c)) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    private static String decode(String escaped) {
        int percent = escaped.indexOf('%');
        if (percent < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length()).append(escaped, 0, percent);
        for (int i = percent; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') {
                out.append((char) (hexValue(escaped.charAt(i + 1)) * 16 + hexValue(escaped.charAt(i + 2))));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
