package io.symphony.redis.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Keep the leases of this instance's claims alive while it lives: from the moment a claim is taken until it is
 * acknowledged or dead-lettered (including while it waits for a handler slot), every third of the lease one script
 * per {@value #CHUNK} claims moves their deadlines to server now + lease. A claim is identified by its token, so a
 * renewal never revives a claim that was closed or re-delivered meanwhile. When the instance dies (or its runtime
 * closes) the renewals stop, and the lease re-delivers its claims.
 */
final class LeaseRenewer {

    private static final Logger log = LoggerFactory.getLogger(LeaseRenewer.class);
    static final int CHUNK = 500;

    private final ConcurrentMap<String, Long> held = new ConcurrentHashMap<>();
    private final TriggerStore store;
    private final Duration lease;
    private final Scheduler scheduler;
    private final AtomicLong failures = new AtomicLong();
    private final TriggerObserver observer;

    LeaseRenewer(TriggerStore store, Duration lease, Scheduler scheduler) {
        this(store, lease, scheduler, TriggerObserver.NOOP);
    }

    LeaseRenewer(TriggerStore store, Duration lease, Scheduler scheduler, TriggerObserver observer) {
        this.store = store;
        this.lease = lease;
        this.scheduler = scheduler;
        this.observer = observer;
    }

    /** Renew this claim's lease from now on (a broadcast claim has none). */
    void hold(Claim claim) {
        if (claim.lease() >= 0) {
            held.put(claim.key(), claim.lease());
        }
    }

    /** Stop renewing this claim's lease. */
    void release(Claim claim) {
        held.remove(claim.key(), claim.lease());
    }

    /** How many claims are renewed. */
    int held() {
        return held.size();
    }

    /** The renewal period: a third of the lease, so two renewals in a row may fail before a claim lapses. */
    Duration period() {
        return lease.dividedBy(3);
    }

    /** Renew every {@link #period()} until cancelled; never fails (a failed renewal is logged and tried again). */
    Mono<Void> run() {
        return Flux.interval(period(), period(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> renewOnce(), 1)
                .then();
    }

    /** Renew every held claim once. */
    Mono<Void> renewOnce() {
        if (held.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(chunks(Map.copyOf(held)))
                .concatMap(chunk -> store.renew(chunk, lease)
                        // A late reply still renewed; past the lease it no longer matters, so wait no longer.
                        .timeout(lease, scheduler)
                        .doOnNext(lost -> {
                            lost(chunk, lost);
                            ObserverCalls.run(() -> observer.leasesRenewed(chunk.size() - lost.size(), lost.size()));
                        }))
                .doOnComplete(this::recovered)
                .then()
                .onErrorResume(this::failed);
    }

    private void lost(Map<String, Long> chunk, List<String> keys) {
        for (String key : keys) {
            Long token = chunk.get(key);
            if (token != null && held.remove(key, token)) {
                log.warn("Lost the claim of '{}' (its lease ran out before a renewal reached Redis); another "
                        + "instance may run it again", key);
            }
        }
    }

    private void recovered() {
        long failed = failures.getAndSet(0);
        if (failed > 0) {
            log.info("Lease renewal succeeded again after {} failure(s)", failed);
        }
    }

    private Mono<Void> failed(Throwable error) {
        ObserverCalls.run(() -> observer.leaseRenewalFailed(error));
        if (failures.getAndIncrement() == 0) {
            log.warn("Renewing the leases of {} claim(s) failed ({}); retrying every {} (further failures until a "
                    + "renewal succeeds are logged at DEBUG)", held.size(), error.toString(), period());
        } else {
            log.debug("Renewing leases failed ({})", error.toString());
        }
        return Mono.empty();
    }

    private static List<Map<String, Long>> chunks(Map<String, Long> all) {
        List<Map<String, Long>> chunks = new ArrayList<>();
        Map<String, Long> current = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : all.entrySet()) {
            current.put(entry.getKey(), entry.getValue());
            if (current.size() == CHUNK) {
                chunks.add(current);
                current = new LinkedHashMap<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
