package io.symphony.redis.benchmarks;

import io.symphony.redis.ops.RedisScript;
import java.lang.reflect.Field;

/**
 * The toolkit's own Lua scripts, read from their (package-private) constants so the raw-Lettuce side of the
 * overhead benchmark sends exactly the same commands. If a constant is renamed this fails at setup, so the quick
 * suite in CI notices.
 */
final class SameScripts {

    private SameScripts() {
    }

    /** The source of the script held by the static field {@code field} of {@code className}. */
    static String source(String className, String field) {
        try {
            Field constant = Class.forName(className).getDeclaredField(field);
            constant.setAccessible(true);
            return ((RedisScript<?>) constant.get(null)).source();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("The overhead benchmark mirrors " + className + "." + field
                    + ", which is gone: update SameScripts' callers", e);
        }
    }
}
