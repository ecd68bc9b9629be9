package org.mhhs.backbone.grpc;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.mhhs.backbone.notification.api.NotificationFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The retention job (README "Retention"): a recurring db-scheduler task (ADR 0005), so that one node at a time runs
 * it, every {@code hub.retention.interval}, and a restart neither skips nor repeats a run. Each run expires command
 * ids older than {@code hub.retention.command-ids} and subscriptions idle for {@code hub.retention.subscription-idle},
 * in batches of {@code hub.retention.batch-size} rows (each its own short transaction), oldest first; it makes the
 * coming months' partitions of the privileged reads, and moves the monthly partitions of the audit trail and of the
 * privileged reads older than {@code hub.retention.online-months} into the archive schemas, unchanged.
 */
@Configuration(proxyBeanMethods = false)
public class Retention {

    /** The task's name in axon.scheduled_tasks. */
    public static final String TASK = "hub-retention";

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** Months after the current one whose partition of the privileged reads is made ahead. */
    private static final int MONTHS_AHEAD = 2;

    private final JdbcClient jdbc;
    private final NotificationFeed feed;
    private final Clock clock;
    private final RetentionProperties properties;

    Retention(JdbcClient jdbc, NotificationFeed feed, Clock clock, RetentionProperties properties) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.clock = clock;
        this.properties = properties;
    }

    @Bean
    RecurringTask<Void> retentionTask() {
        return Tasks.recurring(TASK, Schedules.fixedDelay(properties.interval()))
                .execute((instance, context) -> run());
    }

    /** What one run removed, and the monthly tables it moved to the archive schemas. */
    public record Removed(long commandIds, long subscriptions, List<String> archivedMonths) {}

    /** One run of the job; the scheduler calls it, and tests. */
    public Removed run() {
        Instant now = clock.instant();
        Instant commandIdsBefore = now.minus(properties.commandIds());
        long commandIds = inBatches(() -> jdbc.sql("""
                        DELETE FROM access.processed_command WHERE (participant_id, command_id) IN (
                            SELECT participant_id, command_id FROM access.processed_command
                            WHERE accepted_at < :before ORDER BY accepted_at LIMIT :max)""")
                .param("before", Timestamp.from(commandIdsBefore))
                .param("max", properties.batchSize())
                .update());
        long subscriptions = inBatches(
                () -> feed.expireIdleSubscriptions(now.minus(properties.subscriptionIdle()), properties.batchSize()));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        feed.preparePrivilegedReadMonths(today, MONTHS_AHEAD);
        LocalDate firstOnline = today.withDayOfMonth(1).minusMonths(properties.onlineMonths() - 1L);
        List<String> archived = new ArrayList<>(jdbc.sql("SELECT access.audit_trail_archive(:firstOnline)")
                .param("firstOnline", firstOnline)
                .query(String.class)
                .list());
        archived.addAll(feed.archivePrivilegedReads(firstOnline));
        Removed removed = new Removed(commandIds, subscriptions, archived);
        if (commandIds + subscriptions > 0 || !archived.isEmpty()) {
            log.info(
                    "Retention: {} command ids and {} idle subscriptions removed, archived: {}",
                    commandIds,
                    subscriptions,
                    archived);
        }
        return removed;
    }

    private long inBatches(IntSupplier batch) {
        long total = 0;
        int removed;
        do {
            removed = batch.getAsInt();
            total += removed;
        } while (removed >= properties.batchSize());
        return total;
    }
}
