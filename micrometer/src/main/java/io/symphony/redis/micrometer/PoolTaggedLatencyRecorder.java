package io.symphony.redis.micrometer;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lettuce's own {@link MicrometerCommandLatencyRecorder}, one per pool tag: a command is recorded by the recorder
 * of the pool aliases whose (server, DB) its connection belongs to, found by the connection's local address (which
 * the {@link ConnectionMeters} learn from the connection events). Lettuce's recorder tags the command type and the
 * remote address only; the local address is not a tag (Lettuce's default, no per-connection series). A connection
 * not known yet (its first commands may run before its event arrives) records under {@value #UNKNOWN_POOL}.
 */
final class PoolTaggedLatencyRecorder implements CommandLatencyRecorder {

    /** The pool tag of a command whose connection's target is not known (yet). */
    static final String UNKNOWN_POOL = "unknown";

    private final MeterRegistry meters;
    private final boolean histogram;
    private final Map<SocketAddress, String> pools = new ConcurrentHashMap<>();
    private final Map<String, MicrometerCommandLatencyRecorder> recorders = new ConcurrentHashMap<>();

    PoolTaggedLatencyRecorder(MeterRegistry meters, boolean histogram) {
        this.meters = meters;
        this.histogram = histogram;
    }

    /** Record the commands of the connection at {@code local} under {@code pool}. */
    void bind(SocketAddress local, String pool) {
        pools.put(local, pool);
    }

    /** Forget the connection at {@code local} (it closed or is re-connecting on another local port). */
    void unbind(SocketAddress local) {
        pools.remove(local);
    }

    @Override
    public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword commandType,
            long firstResponseLatency, long completionLatency) {
        recorders.computeIfAbsent(pools.getOrDefault(local, UNKNOWN_POOL), this::recorder)
                .recordCommandLatency(local, remote, commandType, firstResponseLatency, completionLatency);
    }

    private MicrometerCommandLatencyRecorder recorder(String pool) {
        return new MicrometerCommandLatencyRecorder(meters, MicrometerOptions.builder()
                .tags(Tags.of(MeterNames.TAG_POOL, pool))
                .histogram(histogram)
                .build());
    }
}
