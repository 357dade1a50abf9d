package io.symphony.redis.listener;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys this instance claimed lately, so that the late keyspace event of an occurrence it claimed from the
 * due-index costs no claim script: the server would answer "not yours" anyway, because the key is in the namespace's
 * recent-claims set for the dedup window. (It would claim the key if the trigger was set again meanwhile and is due
 * already; skipped here, that occurrence is claimed by the next sweep, since it has an index entry.) Entries are kept
 * for half the dedup window (a margin for the clock difference between this instance and the server, so an event is
 * never skipped that the server would have let claim) and at most {@code max} of them; a key forgotten early only
 * costs its event a script again. Thread-safe.
 */
final class RecentClaims {

    /** Keys remembered at most: 100,000 keys are a few MB, and cover 20 s of claims at 5,000/s. */
    static final int DEFAULT_MAX = 100_000;

    private final Map<String, Long> claimedAt = new LinkedHashMap<>();
    private final Clock clock;
    private final long keepMillis;
    private final int max;

    RecentClaims(Clock clock, Duration dedupWindow, int max) {
        this.clock = clock;
        this.keepMillis = dedupWindow.toMillis() / 2;
        this.max = max;
    }

    /** Remember that this instance claimed {@code key} now. */
    synchronized void add(String key) {
        long now = clock.millis();
        claimedAt.remove(key);
        claimedAt.put(key, now);
        trim(now);
    }

    /** Whether this instance claimed {@code key} within the kept time. */
    synchronized boolean contains(String key) {
        Long at = claimedAt.get(key);
        return at != null && clock.millis() - at <= keepMillis;
    }

    /** How many keys are remembered. */
    synchronized int size() {
        return claimedAt.size();
    }

    private void trim(long now) {
        Iterator<Long> oldest = claimedAt.values().iterator();
        while (oldest.hasNext()) {
            long at = oldest.next();
            if (claimedAt.size() <= max && now - at <= keepMillis) {
                return;
            }
            oldest.remove();
        }
    }
}
