package io.symphony.redis.repository;

import java.util.Locale;

/** The name a repository class goes by in observations: {@code RedisStateHandler} is {@code state_handler}. */
final class RepositoryNames {

    static final String TRIGGER = "trigger";

    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String simple = type.getSimpleName();
            String base = simple.startsWith("Redis") && simple.length() > 5 ? simple.substring(5) : simple;
            return base.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        }
    };

    private RepositoryNames() {
    }

    static String of(Class<?> type) {
        return NAMES.get(type);
    }
}
