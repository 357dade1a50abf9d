package io.symphony.redis.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Keeps the context of every stopped observation, for assertions on parents and key values. */
final class ObservedContexts implements ObservationHandler<Observation.Context> {

    private final Queue<Observation.Context> stopped = new ConcurrentLinkedQueue<>();

    @Override
    public void onStop(Observation.Context context) {
        stopped.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }

    /** The stopped observations named {@code name}, in the order they stopped. */
    List<Observation.Context> named(String name) {
        return stopped.stream().filter(context -> context.getName().equals(name)).toList();
    }

    /** The value of the low-cardinality key {@code key} of {@code context}, or null. */
    static String low(Observation.Context context, String key) {
        var keyValue = context.getLowCardinalityKeyValue(key);
        return keyValue == null ? null : keyValue.getValue();
    }
}
