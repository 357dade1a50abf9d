package io.symphony.redis.keys;

import java.util.List;
import java.util.Random;

/** Adversarial and random key components shared by the key tests. */
final class KeyCorpus {

    /** Valid components chosen to break naive key schemes. */
    static final List<String> ADVERSARIAL = List.of(
            ":", "*", "?", "[", "]", "\\", "{", "}", "%", "^", "::", "**", "%%", "%%%",
            "%3A", "%253A", "%25", "%2A", "%3a", "%GG", "a%", "%a", "%7Bacme%7D", "{acme}",
            "a:b", "a_b", "a%3Ab", "a%253Ab", "a*", "*a", "a?", "[a-z]", "[^a]", "\\*", "a\\", "\\:",
            "a b", " ", "  lead", "trail ", "_", "-", ".", "@", "+", "u1", "u_1", "u:1", "user_42", "user:42",
            "é", "ß", "Ж", "中文", "ñandú", "😀", "👨‍👩‍👧", "𝔘𝔫𝔦", "🇩🇪", "שלום", "مرحبا", "a\u200Fb", "\u200E",
            "\uFEFF", "e\u0301",
            "acme", "a", "a:batch", "zz", "zz:SS:evil", "x:user:y", "acme:user:u1", "user", "state", "SS",
            "EXPTRIGGER", "df", "pkid", "batch", "pending_batches:x", "pending_batches%3Ax",
            "x".repeat(512), ":".repeat(170), "😀".repeat(128), "é".repeat(256), "%".repeat(170),
            "a".repeat(300), "{}".repeat(85));

    /** Strings every component check must reject. */
    static final List<String> INVALID = List.of(
            "", "\n", "a\nb", "\r", "\t", "a\u0000", "\u0000", "\u007F", "\u0085", "\u009F", "\u001B[0m",
            "\uD800", "\uDC00", "a\uD83D", "\uDE00b", "\uDE00\uD83D", "x".repeat(513), ":".repeat(171),
            "😀".repeat(129), "é".repeat(257));

    private static final String[] FRAGMENTS = {
        "%", ":", "*", "?", "[", "]", "\\", "{", "}", "%3A", "%25", "%2A", "%7B", "%7D", "3", "A", "a", "b", "u",
        "1", "_", "-", ".", "@", "+", " ", "é", "Ж", "中", "😀", "𝔘", "ש", "م", "\u200F", "^", "!"
    };

    private static final String[] BAD = {"\n", "\r", "\t", "\u0000", "\u007F", "\u0085", "\uD800", "\uDFFF"};

    private KeyCorpus() {
    }

    /** A random non-empty string from the adversarial fragments; sometimes near the size limit. */
    static String randomComponent(Random random) {
        if (random.nextInt(10) == 0) {
            return ADVERSARIAL.get(random.nextInt(ADVERSARIAL.size()));
        }
        int length = random.nextInt(50) == 0 ? 100 + random.nextInt(200) : 1 + random.nextInt(6);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return out.toString();
    }

    /** Like {@link #randomComponent(Random)}, but one in five contains something invalid or is empty. */
    static String randomMaybeInvalid(Random random) {
        int pick = random.nextInt(20);
        if (pick == 0) {
            return "";
        }
        String s = randomComponent(random);
        if (pick < 4) {
            int at = random.nextInt(s.length() + 1);
            return s.substring(0, at) + BAD[random.nextInt(BAD.length)] + s.substring(at);
        }
        return s;
    }

    /** A random string drawn from a small pool, so that equal and escape-related values recur. */
    static String small(Random random, List<String> pool) {
        return pool.get(random.nextInt(pool.size()));
    }
}
