package org.mhhs.backbone.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.mhhs.backbone.kernel.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Denied calls on their way to the audit trail. A denial costs its call a map update, never a database round trip:
 * identical denials (same caller, address, RPC, outcome and reason) within a window
 * ({@code hub.audit.denied-call-window}) become one row with their count and their first and last time, appended with
 * the window's other rows in one transaction by one writer thread, so one pooled connection at most. When more
 * distinct denials wait than {@code hub.audit.denied-call-capacity}, the others are only counted: the window's
 * summary row (reason {@value #NOT_ITEMISED}) says how many, and so does the metric {@code hub.audit.denied.dropped}.
 */
@Component
class DeniedCalls implements SmartLifecycle {

    static final String NOT_ITEMISED = "DeniedCallsNotItemised";

    private static final Logger log = LoggerFactory.getLogger(DeniedCalls.class);

    private record Key(
            Optional<ParticipantId> participant,
            String authentication,
            String peer,
            String rpc,
            String outcome,
            String reason) {}

    private record Pending(Instant first, Instant last, long count, String detail) {

        Pending again(Instant at) {
            return new Pending(first, at, count + 1, detail);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AuditProperties properties;
    private final ConcurrentHashMap<Key, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicReference<Pending> notItemised = new AtomicReference<>();
    private final Counter denied;
    private final Counter dropped;
    private final Counter rows;
    private volatile ScheduledExecutorService writer;

    DeniedCalls(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            AuditProperties properties,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
        this.denied = Counter.builder("hub.audit.denied.calls")
                .description("denied calls handed to the audit trail")
                .register(registry);
        this.dropped = Counter.builder("hub.audit.denied.dropped")
                .description("denied calls only counted in a summary row: too many distinct ones were waiting")
                .register(registry);
        this.rows = Counter.builder("hub.audit.denied.rows")
                .description("audit trail rows written for denied calls")
                .register(registry);
        Gauge.builder("hub.audit.denied.pending", pending, ConcurrentHashMap::size)
                .description("distinct denied calls waiting for the audit trail's writer")
                .register(registry);
    }

    /** Queues a denial; never blocks and never touches the database. */
    void offer(
            Optional<ParticipantId> participant,
            String authentication,
            String peer,
            String rpc,
            String outcome,
            String reason,
            String detail) {
        Instant now = clock.instant();
        denied.increment();
        Key key = new Key(
                participant,
                AuditTrail.truncate(authentication, 20),
                AuditTrail.truncate(peer, 100),
                AuditTrail.truncate(rpc, 200),
                AuditTrail.truncate(outcome, 30),
                AuditTrail.truncate(reason, 100));
        if (pending.size() >= properties.deniedCallCapacity() && !pending.containsKey(key)) {
            dropped.increment();
            notItemised.updateAndGet(p -> p == null ? new Pending(now, now, 1, "") : p.again(now));
            return;
        }
        pending.compute(
                key, (k, p) -> p == null ? new Pending(now, now, 1, AuditTrail.truncate(detail, 1000)) : p.again(now));
    }

    /** Appends what waits: one row per distinct denial, and the summary of those only counted. */
    void flush() {
        List<Object[]> batch = new ArrayList<>();
        for (Key key : pending.keySet()) {
            Pending p = pending.remove(key);
            if (p != null) {
                batch.add(row(key, p));
            }
        }
        Pending summary = notItemised.getAndSet(null);
        if (summary != null) {
            batch.add(row(
                    new Key(Optional.empty(), "none", "", "", "", NOT_ITEMISED),
                    new Pending(
                            summary.first(),
                            summary.last(),
                            summary.count(),
                            summary.count() + " denied calls were only counted: more than "
                                    + properties.deniedCallCapacity() + " distinct ones were waiting")));
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> jdbc.batchUpdate("""
                    INSERT INTO access.audit_trail (at, last_at, occurrences, category, participant_id, authentication,
                        peer, rpc, outcome, reason, detail)
                    VALUES (?, ?, ?, 'DENIED_CALL', ?, ?, ?, ?, ?, ?, ?)""", batch));
            rows.increment(batch.size());
        } catch (RuntimeException e) {
            long lost = batch.stream().mapToLong(r -> (Long) r[2]).sum();
            dropped.increment(lost);
            log.error("Could not append {} denied calls ({} rows) to the audit trail", lost, batch.size(), e);
        }
    }

    private static Object[] row(Key key, Pending p) {
        return new Object[] {
            Timestamp.from(p.first()),
            Timestamp.from(p.last()),
            p.count(),
            key.participant().map(ParticipantId::value).orElse(null),
            key.authentication(),
            key.peer(),
            key.rpc(),
            key.outcome(),
            key.reason(),
            p.detail()
        };
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("The audit trail's writer of denied calls failed", e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("audit-writer").daemon().factory());
        long window = properties.deniedCallWindow().toMillis();
        started.scheduleWithFixedDelay(this::flushQuietly, window, window, TimeUnit.MILLISECONDS);
        writer = started;
    }

    /** Stops after the gRPC server (a later phase stops first) and writes what still waits. */
    @Override
    public void stop() {
        ScheduledExecutorService running = writer;
        writer = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
