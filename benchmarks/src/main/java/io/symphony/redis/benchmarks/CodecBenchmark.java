package io.symphony.redis.benchmarks;

import io.symphony.redis.codec.FieldTypes;
import io.symphony.redis.codec.RedisValueCodec;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value codec in-process (no Redis): encode and typed decode of each supported kind of value, and of a
 * 20-field record as a hash. The full suite adds {@code -prof gc} for bytes allocated per operation.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar --only Codec}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djmh.shutdownTimeout=1"})
@Threads(1)
@State(Scope.Benchmark)
public class CodecBenchmark {

    /** The kinds of value the codec supports. */
    public enum Kind {
        /** Text, stored raw. */
        STRING,
        /** An integer. */
        LONG,
        /** A float, printed as Python's repr. */
        DOUBLE,
        /** A boolean, stored as 1/0. */
        BOOLEAN,
        /** A date-time, printed as Python's isoformat. */
        DATETIME,
        /** An enum, stored as its value. */
        ENUM,
        /** A list, as Python's json.dumps prints it. */
        LIST,
        /** A nested map, as Python's json.dumps prints it. */
        MAP,
        /** A 20-field record, encoded and decoded as a hash. */
        RECORD_20,
        /** The peers benchmark's user record (text, integer, 17-digit double, boolean, list, nested map). */
        USER_RECORD
    }

    /** An enum value for the ENUM kind. */
    public enum Colour {
        /** Red. */
        RED,
        /** Green. */
        GREEN
    }

    @Param({"STRING", "LONG", "DOUBLE", "BOOLEAN", "DATETIME", "ENUM", "LIST", "MAP", "RECORD_20", "USER_RECORD"})
    public Kind kind;

    private final RedisValueCodec codec = RedisValueCodec.defaults();
    private final JsonMapper json = JsonMapper.builder().build();
    private String jsonEncoded;
    private Map<String, String> jsonEncodedRecord;
    private Object value;
    private Class<?> type;
    private String encoded;
    private Map<String, Object> record;
    private Map<String, String> encodedRecord;
    private FieldTypes recordTypes;

    /** Build the value and its encoding. */
    @Setup(Level.Trial)
    public void setUp() {
        record = kind == Kind.USER_RECORD ? UserRecords.record() : record20();
        recordTypes = kind == Kind.USER_RECORD ? UserRecords.TYPES : types20();
        encodedRecord = codec.encodeHash(record);
        jsonEncodedRecord = jacksonHash();
        value = switch (kind) {
            case STRING -> "The quick brown fox jumps over the lazy dog";
            case LONG -> 1_234_567_890_123L;
            case DOUBLE -> 3.141592653589793;
            case BOOLEAN -> Boolean.TRUE;
            case DATETIME -> LocalDateTime.of(2026, 11, 25, 13, 45, 30, 123_456_000);
            case ENUM -> Colour.GREEN;
            case LIST -> List.of("alpha", "beta", "gamma", 1L, 2.5, true);
            case MAP, RECORD_20, USER_RECORD -> Map.of("city", "Lyon", "zip", 69001L, "geo", List.of(45.76, 4.83));
        };
        type = value instanceof Map ? Map.class : value.getClass();
        encoded = codec.encode(value);
        jsonEncoded = json.writeValueAsString(value);
    }

    private boolean hash() {
        return kind == Kind.RECORD_20 || kind == Kind.USER_RECORD;
    }

    /** Encode the value (the whole record as a hash for the record kinds). */
    @Benchmark
    public Object encode() {
        return hash() ? codec.encodeHash(record) : codec.encode(value);
    }

    /** Decode the value typed (the whole record with its field types for the record kinds). */
    @Benchmark
    public @Nullable Object decode() {
        return hash() ? codec.decodeHash(encodedRecord, recordTypes) : codec.decode(encoded, type);
    }

    /** The baseline: the same value (each field of a record) written by plain Jackson 3 as JSON. */
    @Benchmark
    public Object jacksonEncode() {
        return hash() ? jacksonHash() : json.writeValueAsString(value);
    }

    /** The baseline: the same value (each field of a record, typed) read by plain Jackson 3. */
    @Benchmark
    public @Nullable Object jacksonDecode() {
        if (!hash()) {
            return json.readValue(jsonEncoded, type);
        }
        Map<String, Object> decoded = new LinkedHashMap<>();
        jsonEncodedRecord.forEach((field, text) -> {
            java.lang.reflect.Type fieldType = recordTypes.type(field);
            decoded.put(field, json.readValue(text, json.constructType(fieldType == null ? Object.class : fieldType)));
        });
        return decoded;
    }

    private Map<String, String> jacksonHash() {
        Map<String, String> encodedFields = new LinkedHashMap<>();
        record.forEach((field, fieldValue) -> encodedFields.put(field, json.writeValueAsString(fieldValue)));
        return encodedFields;
    }

    private static Map<String, Object> record20() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            fields.put("text" + i, "value number " + i);
            fields.put("count" + i, 1000L + i);
            fields.put("ratio" + i, 0.1 * (i + 1));
            fields.put("flag" + i, i % 2 == 0);
            fields.put("list" + i, List.of("a" + i, "b" + i, (long) i));
        }
        return fields;
    }

    private static FieldTypes types20() {
        FieldTypes.Builder builder = FieldTypes.builder();
        for (int i = 0; i < 4; i++) {
            builder.field("text" + i, String.class)
                    .field("count" + i, Long.class)
                    .field("ratio" + i, Double.class)
                    .field("flag" + i, Boolean.class)
                    .field("list" + i, List.class);
        }
        return builder.build();
    }
}
