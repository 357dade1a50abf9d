package io.symphony.redis.runtime;

import io.lettuce.core.api.sync.RedisCommands;
import io.symphony.redis.ops.RedisOps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A steady stream of {@code SET prefix:i i} through the toolkit, one write every {@code period}, spread over several
 * aliases, recording when each write was issued and when it was acknowledged or failed. Writes are never cancelled:
 * {@link #stop()} stops issuing new ones and lets the ones in flight finish.
 */
final class WriteLoad {

    /** One write: where it went and when it was issued ({@link System#nanoTime()}). */
    record Write(long index, String alias, String key, String value, long issuedAt) {
    }

    /** How one write ended: acknowledged at {@code at}, or failed with {@code error} at {@code at}. */
    record Outcome(long at, Throwable error) {

        boolean acknowledged() {
            return error == null;
        }
    }

    private static final int MAX_IN_FLIGHT = 100_000;

    private final Map<Long, Write> issued = new ConcurrentHashMap<>();
    private final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Sinks.Empty<Void> finished = Sinks.empty();
    private final Scheduler scheduler = Schedulers.newSingle("write-load");

    private WriteLoad() {
    }

    /** Start issuing writes on {@code ops}, rotating over {@code aliases}. */
    static WriteLoad start(RedisOps ops, List<String> aliases, String prefix, Duration period) {
        WriteLoad load = new WriteLoad();
        Flux.interval(period, load.scheduler)
                .takeWhile(i -> !load.stopped.get())
                .flatMap(i -> {
                    String alias = aliases.get((int) (i % aliases.size()));
                    Write write = new Write(i, alias, prefix + ":" + i, String.valueOf(i), System.nanoTime());
                    load.issued.put(i, write);
                    return ops.onPool(alias).set(write.key(), write.value())
                            .doOnSuccess(ok -> load.outcomes.put(i, new Outcome(System.nanoTime(), null)))
                            .doOnError(error -> load.outcomes.put(i, new Outcome(System.nanoTime(), error)))
                            .onErrorResume(error -> Mono.empty());
                }, MAX_IN_FLIGHT)
                .doFinally(signal -> load.finished.tryEmitEmpty())
                .subscribe();
        return load;
    }

    /** Stop issuing; writes in flight go on until acknowledged or failed. */
    void stop() {
        stopped.set(true);
    }

    /** Stop, wait until every issued write has an outcome, and release the scheduler. */
    void stopAndAwait(Duration timeout) {
        stop();
        finished.asMono().block(timeout);
        scheduler.dispose();
    }

    long ackAt(Write write) {
        return outcomes.get(write.index()).at();
    }

    int issuedCount() {
        return issued.size();
    }

    /** Writes issued after {@code nanoTime} that were acknowledged. */
    long acknowledgedIssuedAfter(long nanoTime) {
        return issued.values().stream().filter(w -> w.issuedAt() > nanoTime)
                .filter(w -> outcome(w).map(Outcome::acknowledged).orElse(false)).count();
    }

    /** The earliest acknowledgement among writes issued after {@code nanoTime}. */
    Optional<Long> firstAcknowledgementOfWriteIssuedAfter(long nanoTime) {
        return issued.values().stream().filter(w -> w.issuedAt() > nanoTime)
                .map(this::outcome).flatMap(Optional::stream)
                .filter(Outcome::acknowledged).map(Outcome::at).min(Comparator.naturalOrder());
    }

    /** Failed writes, in issue order. */
    List<Write> failed() {
        return select(o -> !o.acknowledged(), at -> true);
    }

    /** Count the failures per error message (with Lettuce's cause), for the report. */
    Map<String, Long> failureCounts() {
        return outcomes.values().stream().filter(o -> !o.acknowledged())
                .collect(Collectors.groupingBy(o -> describe(o.error()),
                        TreeMap::new, Collectors.counting()));
    }

    private static String describe(Throwable error) {
        String text = error.getClass().getSimpleName();
        Throwable cause = error.getCause();
        String message = String.valueOf(error.getMessage());
        int cut = message.indexOf("failed in pool");
        text += ": " + (cut >= 0 ? message.substring(cut) : message);
        return cause == null ? text : text + " <- " + cause.getClass().getSimpleName();
    }

    /** Acknowledged writes whose acknowledgement arrived at a time matching {@code ackTime}, in issue order. */
    List<Write> acknowledged(LongPredicate ackTime) {
        return select(Outcome::acknowledged, ackTime);
    }

    /** Writes of {@code writes} whose value is not on the node, read in the DB of each write's alias. */
    static List<Write> missingOn(IntFunction<RedisCommands<String, String>> nodeDb, Map<String, Integer> dbs,
            List<Write> writes) {
        List<Write> missing = new ArrayList<>();
        for (Write write : writes) {
            String value = nodeDb.apply(dbs.get(write.alias())).get(write.key());
            if (!write.value().equals(value)) {
                missing.add(write);
            }
        }
        return missing;
    }

    private List<Write> select(Predicate<Outcome> kind, LongPredicate time) {
        return issued.values().stream()
                .filter(w -> outcome(w).filter(kind).filter(o -> time.test(o.at())).isPresent())
                .sorted(Comparator.comparingLong(Write::index)).toList();
    }

    private Optional<Outcome> outcome(Write write) {
        return Optional.ofNullable(outcomes.get(write.index()));
    }
}
