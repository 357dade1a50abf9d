package io.symphony.redis.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a record or POJO class looks like as a hash, as Jackson sees it: the properties it writes (name, accessor,
 * whether a null is left out) and the properties it reads (name and declared generic type). Jackson's own
 * introspection decides, so {@code @JsonProperty} renames, {@code @JsonIgnore}, visibility rules and
 * {@code @JsonInclude(NON_NULL)} apply exactly as they do to JSON.
 *
 * <p>Built once per class and codec; immutable afterwards.
 */
final class RecordShape {

    private static final Set<JsonInclude.Include> SKIPS_NULL = Set.of(JsonInclude.Include.NON_NULL,
            JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_DEFAULT);

    /** One written property: the hash field it becomes and how to read its value from an instance. */
    record Written(String field, AnnotatedMember accessor, boolean skipNull) {
    }

    private final JavaType type;
    private final List<Written> written;
    private final Map<String, JavaType> read;
    private final FieldTypes fieldTypes;

    private RecordShape(JavaType type, List<Written> written, Map<String, JavaType> read) {
        this.type = type;
        this.written = written;
        this.read = read;
        FieldTypes.Builder builder = FieldTypes.builder();
        read.forEach(builder::field);
        this.fieldTypes = builder.build();
    }

    /**
     * Introspect {@code raw} with {@code mapper}'s configuration.
     *
     * @throws IllegalArgumentException if {@code raw} is not a record or POJO (a JDK type, scalar, enum, map,
     *     collection or array) or has no property Jackson can both write and read
     */
    static RecordShape of(JsonMapper mapper, Class<?> raw) {
        JavaType type = mapper.constructType(raw);
        requireBeanType(type);
        List<Written> written = written(mapper.serializationConfig(), type);
        Map<String, JavaType> read = read(mapper.deserializationConfig(), type);
        if (written.isEmpty() || read.isEmpty()) {
            throw new IllegalArgumentException(raw.getName() + " has no properties Jackson can "
                    + (written.isEmpty() ? "write" : "read") + ", so it cannot be stored as a hash");
        }
        return new RecordShape(type, written, read);
    }

    JavaType type() {
        return type;
    }

    /** The written properties, in Jackson's order (declaration order for records, as pydantic's). */
    List<Written> written() {
        return written;
    }

    /** Read property names to their declared generic types, in Jackson's order. */
    Map<String, JavaType> read() {
        return read;
    }

    /** The read properties as {@link FieldTypes}, for {@link RedisValueCodec#decodeHash}. */
    FieldTypes fieldTypes() {
        return fieldTypes;
    }

    private static void requireBeanType(JavaType type) {
        Class<?> raw = type.getRawClass();
        boolean scalar = raw.isPrimitive() || raw.isArray() || raw.isEnum() || type.isContainerType()
                || CharSequence.class.isAssignableFrom(raw) || Number.class.isAssignableFrom(raw)
                || TemporalAccessor.class.isAssignableFrom(raw) || TemporalAmount.class.isAssignableFrom(raw)
                || raw == BigDecimal.class || raw == BigInteger.class || raw.getName().startsWith("java.");
        if (scalar) {
            throw new IllegalArgumentException(raw.getName() + " is not a record or POJO; store a single value "
                    + "with encode (a repository's updateField) and a map with encodeHash (a repository's Map "
                    + "overloads)");
        }
    }

    private static List<Written> written(SerializationConfig config, JavaType type) {
        BeanDescription bean = introspector(config).introspectForSerialization(type,
                introspector(config).introspectClassAnnotations(type));
        JsonInclude.Value classInclusion = bean.findPropertyInclusion(
                config.getDefaultPropertyInclusion(type.getRawClass()));
        List<Written> written = new ArrayList<>();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null || !property.couldSerialize()) {
                continue;
            }
            fixAccess(config, accessor);
            JsonInclude.Include inclusion = classInclusion.withOverrides(property.findInclusion()).getValueInclusion();
            written.add(new Written(property.getName(), accessor, SKIPS_NULL.contains(inclusion)));
        }
        return Collections.unmodifiableList(written);
    }

    private static Map<String, JavaType> read(DeserializationConfig config, JavaType type) {
        BeanDescription bean = introspector(config).introspectForDeserialization(type,
                introspector(config).introspectClassAnnotations(type));
        Set<String> ignored = bean.getIgnoredPropertyNames();
        Map<String, JavaType> read = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.couldDeserialize() && !ignored.contains(property.getName())) {
                read.put(property.getName(), property.getPrimaryType());
            }
        }
        return Collections.unmodifiableMap(read);
    }

    private static ClassIntrospector introspector(MapperConfig<?> config) {
        return config.classIntrospectorInstance().forOperation(config);
    }

    /** Open a non-public accessor (a record nested in a package-private class) the way Jackson's serializers do. */
    private static void fixAccess(SerializationConfig config, AnnotatedMember accessor) {
        if (config.canOverrideAccessModifiers()) {
            accessor.fixAccess(config.isEnabled(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS));
        }
    }
}
