package io.symphony.redis.listener;

/**
 * The {@code notify-keyspace-events} flags that {@code __keyevent@<db>__:expired} needs: {@code E} (the keyevent
 * channels) and {@code x} (expired events; {@code A} includes it).
 */
final class KeyspaceFlags {

    static final String PARAMETER = "notify-keyspace-events";

    private KeyspaceFlags() {
    }

    static boolean hasExpiredEvents(String flags) {
        return flags.contains("E") && (flags.contains("x") || flags.contains("A"));
    }

    /** The flags with the missing ones of {@code E} and {@code x} added; none removed. */
    static String withExpiredEvents(String flags) {
        return flags + (flags.contains("E") ? "" : "E") + (flags.contains("x") || flags.contains("A") ? "" : "x");
    }
}
