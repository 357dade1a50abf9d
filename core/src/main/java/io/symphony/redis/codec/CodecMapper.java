package io.symphony.redis.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.List;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Derives the codec's mapper from the caller's: a rebuilt copy (the caller's mapper is never changed) with the
 * settings the Python wire format needs.
 *
 * <ul>
 *   <li>{@code NaN}, {@code Infinity} and {@code -Infinity} are accepted, as Python's {@code json.loads} does.</li>
 *   <li>Properties keep declaration order (alphabetical sorting off), as pydantic's {@code model_dump} does.</li>
 *   <li>{@code java.time} values are written as Python {@code isoformat()} strings; offsets read are kept, not
 *       shifted to UTC; other dates and durations are ISO strings, never timestamps.</li>
 *   <li>Boolean properties also read {@code "1"}/{@code "0"}; trailing tokens and nulls for primitives fail.</li>
 *   <li>Polymorphic default typing is switched off.</li>
 * </ul>
 */
final class CodecMapper {

    private static final List<Class<?>> TIME_TYPES = List.of(LocalDateTime.class, OffsetDateTime.class,
            ZonedDateTime.class, Instant.class, LocalDate.class, LocalTime.class, OffsetTime.class);

    private CodecMapper() {
    }

    static JsonMapper configure(JsonMapper base) {
        return base.rebuild()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.WRITE_DATE_KEYS_AS_TIMESTAMPS,
                        DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS,
                        DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .deactivateDefaultTyping()
                .addModule(module())
                .build();
    }

    private static SimpleModule module() {
        SimpleModule module = new SimpleModule("symphony-redis-python-wire-format");
        for (Class<?> type : TIME_TYPES) {
            module.addSerializer(type, new PythonTimeSerializer(type, false));
            module.addKeySerializer(type, new PythonTimeSerializer(type, true));
        }
        module.addDeserializer(boolean[].class, new DigitBooleanArrayDeserializer());
        return module.setDeserializerModifier(new DigitBooleanDeserializer.Modifier());
    }
}
