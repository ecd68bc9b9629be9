package org.mhhs.backbone.access;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a partition of {@code access.audit_trail} ready for the current UTC month (by the hub's clock, which stamps the
 * entries) and {@code hub.audit.partition-months-ahead} months after it: once before anything is audited (the
 * {@link AuditTrail} is built with it), then every {@code hub.audit.partition-check-interval}. The SQL function
 * {@code access.audit_trail_partition} (migration V5) makes a missing one under an advisory lock, so that nodes may
 * run this at once.
 */
@Component
class AuditTrailPartitions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditTrailPartitions.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditProperties properties;
    private volatile ScheduledExecutorService checker;

    AuditTrailPartitions(JdbcClient jdbc, Clock clock, AuditProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        ensure();
    }

    /** Creates the partitions of this month and the next ones when missing; answers those that exist. */
    List<String> ensure() {
        LocalDate month = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
        List<String> ready = new ArrayList<>();
        for (int ahead = 0; ahead <= properties.partitionMonthsAhead(); ahead++) {
            LocalDate first = month.plusMonths(ahead);
            String partition = jdbc.sql("SELECT access.audit_trail_partition(:day)")
                    .param("day", first)
                    .query(String.class)
                    .optional()
                    .orElse(null);
            if (partition == null) {
                log.error(
                        "The audit trail has no partition for {} and cannot be given one: access.audit_trail_default "
                                + "holds rows of that month (the clock moved past the prepared months?). Entries of "
                                + "the month still go to the default partition; move them to make the month's one.",
                        first.getYear() + "-" + first.getMonthValue());
            } else {
                ready.add(partition);
            }
        }
        return ready;
    }

    private void ensureQuietly() {
        try {
            ensure();
        } catch (RuntimeException e) {
            log.error(
                    "Could not check the audit trail's partitions (next try in {})",
                    properties.partitionCheckInterval(),
                    e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("audit-partitions").daemon().factory());
        long interval = properties.partitionCheckInterval().toMillis();
        started.scheduleWithFixedDelay(this::ensureQuietly, interval, interval, TimeUnit.MILLISECONDS);
        checker = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = checker;
        checker = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return checker != null;
    }
}
