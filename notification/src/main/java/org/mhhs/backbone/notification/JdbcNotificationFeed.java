package org.mhhs.backbone.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.notification.api.AcknowledgementView;
import org.mhhs.backbone.notification.api.FeedEntryView;
import org.mhhs.backbone.notification.api.FeedPageView;
import org.mhhs.backbone.notification.api.FeedReaderView;
import org.mhhs.backbone.notification.api.NotificationFeed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link NotificationFeed}: the live end from {@link FeedTail}, older entries and acknowledgements from PostgreSQL. */
@Component
class JdbcNotificationFeed implements NotificationFeed {

    static final String SUBSCRIPTION_QUOTA = "SubscriptionQuotaExceeded";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final int maxSubscriptions;
    private final FeedTail tail;
    private final IsdQueries isd;
    private final Clock clock;

    private final RoutingTable routing;

    JdbcNotificationFeed(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            FeedTail tail,
            IsdQueries isd,
            Clock clock,
            RoutingTable routing,
            @Value("${hub.notification.max-subscriptions-per-participant:20}") int maxSubscriptions) {
        if (maxSubscriptions < 1) {
            throw new IllegalArgumentException("hub.notification.max-subscriptions-per-participant must be at least 1");
        }
        this.transaction = transaction;
        this.maxSubscriptions = maxSubscriptions;
        this.routing = routing;
        this.jdbc = jdbc;
        this.tail = tail;
        this.isd = isd;
        this.clock = clock;
    }

    @Override
    public long headPosition() {
        return tail.head();
    }

    @Override
    public FeedReaderView readerFor(ParticipantId participant) {
        List<FeedReaderView.HeldRole> periods = isd.findParticipant(participant).stream()
                .flatMap(view -> view.roles().stream())
                .map(held -> new FeedReaderView.HeldRole(held.role(), held.period()))
                .toList();
        return FeedReaderView.of(
                participant, periods, SettlementDate.today(clock).date());
    }

    @Override
    public FeedPageView read(FeedReaderView reader, long after, Set<String> eventTypes, int max) {
        Predicate<FeedEntryView> wanted =
                entry -> reader.sees(entry) && (eventTypes.isEmpty() || eventTypes.contains(entry.eventType()));
        FeedPageView live = tail.read(after, max, wanted);
        return live != null ? live : readStored(reader, after, eventTypes, max);
    }

    /**
     * The backlog: entries after {@code after} up to what the tail has seen (all committed), filtered in SQL as
     * {@link FeedReaderView#sees} filters: addressed to everyone or the reader, or to a role it held on the entry's
     * settlement day (one row per role period: the role's target, its first and last day).
     */
    private FeedPageView readStored(FeedReaderView reader, long after, Set<String> eventTypes, int max) {
        long bound = tail.head();
        List<FeedReaderView.HeldRole> periods = reader.rolePeriods();
        var entries = jdbc.sql("""
                SELECT position, event_type, audience, settlement_day, envelope FROM notification.feed
                WHERE position > :after AND position <= :bound
                  AND (:everything OR audience && CAST(:targets AS text[])
                       OR EXISTS (SELECT 1 FROM unnest(CAST(:roles AS text[]), CAST(:froms AS date[]),
                                                       CAST(:tos AS date[])) AS held(target, first_day, last_day)
                                  WHERE held.target = ANY (audience)
                                    AND settlement_day BETWEEN held.first_day AND held.last_day))
                  AND (:allTypes OR event_type = ANY (CAST(:types AS text[])))
                ORDER BY position LIMIT :max""")
                .param("after", after)
                .param("bound", bound)
                .param("everything", reader.privileged())
                .param("targets", reader.directTargets().toArray(String[]::new))
                .param(
                        "roles",
                        periods.stream()
                                .map(held -> FeedReaderView.target(held.role()))
                                .toArray(String[]::new))
                .param(
                        "froms",
                        periods.stream()
                                .map(held -> held.period().from().toString())
                                .toArray(String[]::new))
                .param(
                        "tos",
                        periods.stream()
                                .map(held -> held.period()
                                        .toDate()
                                        .map(LocalDate::toString)
                                        .orElse("infinity"))
                                .toArray(String[]::new))
                .param("allTypes", eventTypes.isEmpty())
                .param("types", eventTypes.toArray(String[]::new))
                .param("max", max)
                .query((rs, n) -> FeedTail.entry(rs))
                .list();
        long examinedTo = entries.size() == max ? entries.getLast().position() : Math.max(after, bound);
        return new FeedPageView(entries, examinedTo);
    }

    @Override
    public AutoCloseable onPublished(Runnable listener) {
        return tail.listen(listener);
    }

    @Override
    public Set<Class<?>> routedEventTypes() {
        return routing.routedTypes();
    }

    @Override
    public Optional<AcknowledgementView> acknowledgement(ParticipantId participant, String subscriptionName) {
        return jdbc.sql("""
                SELECT acknowledged_position, acknowledged_at FROM notification.subscription
                WHERE participant_id = :participant AND subscription_name = :name AND acknowledged_at IS NOT NULL""")
                .param("participant", participant.value())
                .param("name", subscriptionName)
                .query((rs, n) -> new AcknowledgementView(
                        participant,
                        subscriptionName,
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant()))
                .optional();
    }

    @Override
    public void acknowledge(ParticipantId participant, String subscriptionName, long position) {
        jdbc.sql("""
                INSERT INTO notification.subscription
                    (participant_id, subscription_name, acknowledged_position, acknowledged_at, last_read_at)
                VALUES (:participant, :name, :position, :now, :now)
                ON CONFLICT (participant_id, subscription_name) DO UPDATE
                    SET acknowledged_position = excluded.acknowledged_position,
                        acknowledged_at = excluded.acknowledged_at,
                        last_read_at = excluded.last_read_at
                    WHERE notification.subscription.acknowledged_position < excluded.acknowledged_position""")
                .param("participant", participant.value())
                .param("name", subscriptionName)
                .param("position", position)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Counted and inserted under a transaction-scoped advisory lock of the participant, so that streams opening new
     * names at once on several nodes cannot pass the quota together.
     */
    @Override
    public void subscriptionOpened(ParticipantId participant, String subscriptionName) {
        Timestamp now = Timestamp.from(clock.instant());
        int touched = jdbc.sql("""
                UPDATE notification.subscription SET last_read_at = :now
                WHERE participant_id = :participant AND subscription_name = :name""")
                .param("now", now)
                .param("participant", participant.value())
                .param("name", subscriptionName)
                .update();
        if (touched > 0) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('notification.subscription ' || :participant))")
                    .param("participant", participant.value())
                    .query()
                    .singleRow();
            long kept = jdbc.sql("SELECT count(*) FROM notification.subscription WHERE participant_id = :participant")
                    .param("participant", participant.value())
                    .query(Long.class)
                    .single();
            if (kept >= maxSubscriptions) {
                throw RuleViolation.quota(
                        SUBSCRIPTION_QUOTA,
                        participant.value(),
                        participant + " keeps " + kept + " named subscriptions, the most a participant may keep ("
                                + "hub.notification.max-subscriptions-per-participant); reuse one, or let an unused "
                                + "one expire");
            }
            jdbc.sql("""
                    INSERT INTO notification.subscription
                        (participant_id, subscription_name, acknowledged_position, acknowledged_at, last_read_at)
                    VALUES (:participant, :name, 0, NULL, :now)
                    ON CONFLICT (participant_id, subscription_name)
                        DO UPDATE SET last_read_at = excluded.last_read_at""")
                    .param("participant", participant.value())
                    .param("name", subscriptionName)
                    .param("now", now)
                    .update();
        });
    }

    @Override
    public int expireIdleSubscriptions(Instant idleSince, int max) {
        return jdbc.sql("""
                DELETE FROM notification.subscription WHERE (participant_id, subscription_name) IN (
                    SELECT participant_id, subscription_name FROM notification.subscription
                    WHERE last_read_at < :idleSince ORDER BY last_read_at LIMIT :max)""")
                .param("idleSince", Timestamp.from(idleSince))
                .param("max", max)
                .update();
    }

    @Override
    public List<String> preparePrivilegedReadMonths(LocalDate day, int monthsAhead) {
        List<String> ready = new ArrayList<>();
        for (int ahead = 0; ahead <= monthsAhead; ahead++) {
            jdbc.sql("SELECT notification.privileged_read_partition(:day)")
                    .param("day", day.withDayOfMonth(1).plusMonths(ahead))
                    .query(String.class)
                    .optional()
                    .ifPresent(ready::add);
        }
        return ready;
    }

    @Override
    public List<String> archivePrivilegedReads(LocalDate firstOnline) {
        return jdbc.sql("SELECT notification.privileged_read_archive(:firstOnline)")
                .param("firstOnline", firstOnline)
                .query(String.class)
                .list();
    }

    @Override
    public long privilegedReadOpened(
            FeedReaderView reader, String subscriptionName, Set<String> eventTypes, long startPosition) {
        return jdbc.sql("""
                INSERT INTO notification.privileged_read
                    (participant_id, roles, subscription_name, event_types, opened_at, start_position)
                VALUES (:participant, :roles, :name, :types, :now, :start) RETURNING id""")
                .param("participant", reader.participant().value())
                .param(
                        "roles",
                        String.join(
                                ",",
                                new TreeSet<>(
                                        reader.roles().stream().map(Enum::name).toList())))
                .param("name", subscriptionName)
                .param("types", String.join(",", new TreeSet<>(eventTypes)))
                .param("now", Timestamp.from(clock.instant()))
                .param("start", startPosition)
                .query(Long.class)
                .single();
    }

    @Override
    public void privilegedReadClosed(long readId, long lastPosition, long eventsDelivered, String outcome) {
        jdbc.sql("""
                UPDATE notification.privileged_read
                SET closed_at = :now, last_position = :last, events_delivered = :delivered, outcome = :outcome
                WHERE id = :id AND closed_at IS NULL""")
                .param("now", Timestamp.from(clock.instant()))
                .param("last", lastPosition)
                .param("delivered", eventsDelivered)
                .param("outcome", outcome)
                .param("id", readId)
                .update();
    }
}
