package io.symphony.redis.config.internal;

/**
 * Removes credentials from Redis URLs before they reach a log line, an exception or {@code toString()}.
 *
 * @since 0.1
 */
public final class UrlRedactor {

    private static final String MASK = "***";

    private UrlRedactor() {
    }

    /**
     * Return the URL with any password replaced by {@code ***}; an ACL user name is kept.
     *
     * <p>{@code redis://alice:s3cret@h:6379/0} becomes {@code redis://alice:***@h:6379/0};
     * {@code redis://s3cret@h} (Lettuce's password-only form) becomes {@code redis://***@h}. A URL without user
     * info is returned unchanged. Everything up to the last {@code @} counts as user info, so a password holding an
     * unencoded {@code /}, {@code ?} or {@code #} is masked too.
     */
    public static String redact(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int authorityStart = schemeEnd + 3;
        // The last '@' anywhere ends the user info: a password may hold an unencoded '/', '?' or '#', and masking
        // too much of an odd URL is better than printing a secret.
        int at = url.lastIndexOf('@');
        if (at < authorityStart) {
            return url;
        }
        String userInfo = url.substring(authorityStart, at);
        int colon = userInfo.indexOf(':');
        boolean plainUser = colon >= 0 && authorityEnd(userInfo.substring(0, colon), 0) == colon;
        String safeUserInfo = plainUser ? userInfo.substring(0, colon) + ":" + MASK : MASK;
        return url.substring(0, authorityStart) + safeUserInfo + url.substring(at);
    }

    private static int authorityEnd(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }
}
