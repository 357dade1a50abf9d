package io.symphony.redis.runtime.internal;

/**
 * The one rule for Redis's {@code notify-keyspace-events} setting, shared by the runtime's start-up bootstrap and
 * the expiry listener: which wanted flags a server's current value lacks, with {@code A} read as the alias of every
 * event class ({@code g$lshzxetmdn}). The toolkit only ever adds the missing flags ({@code CONFIG SET
 * current+missing}), never removes one a user configured.
 *
 * @since 0.1
 */
public final class KeyspaceEventFlags {

    /** The server setting, for {@code CONFIG GET} and {@code CONFIG SET}. */
    public static final String PARAMETER = "notify-keyspace-events";

    /** What the expiry listener needs: keyevent channels ({@code E}) and expired events ({@code x}). */
    public static final String EXPIRED_EVENTS = "Ex";

    /** What Redis's {@code A} flag stands for. */
    private static final String ALL_CLASSES = "g$lshzxetmdn";

    private KeyspaceEventFlags() {
    }

    /**
     * Return the flags of {@code wanted} that {@code current} lacks, each once, in {@code wanted}'s order; empty when
     * nothing is missing. {@code A} in {@code current} counts as every event class; {@code A} in {@code wanted} is
     * present only if {@code current} holds {@code A} itself.
     *
     * @param current the server's value, e.g. {@code "KA"}
     * @param wanted the flags needed, e.g. {@link #EXPIRED_EVENTS}
     */
    public static String missing(String current, String wanted) {
        String effective = current.contains("A") ? current + ALL_CLASSES : current;
        StringBuilder missing = new StringBuilder();
        for (char flag : wanted.toCharArray()) {
            boolean present = flag == 'A' ? current.indexOf('A') >= 0 : effective.indexOf(flag) >= 0;
            if (!present && missing.indexOf(String.valueOf(flag)) < 0) {
                missing.append(flag);
            }
        }
        return missing.toString();
    }
}
