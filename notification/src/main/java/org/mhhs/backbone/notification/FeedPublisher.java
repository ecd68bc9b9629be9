package org.mhhs.backbone.notification;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.notification.api.FeedRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts every event of the store into the delivery feed, once, with its audience and rendered envelope. Runs in the
 * single-segment {@code notification} processor: positions are taken and committed by one writer, batch after batch,
 * so they become visible in order. Events whose store transactions committed out of order reach this processor
 * through Axon's gap tracking and get the next feed position when they arrive: late, never lost. An event it cannot
 * publish is parked by the processor's dead-letter queue, which puts a withheld entry at its place
 * ({@link WithholdingDeadLetterQueue}); when redriven, it is published here like any other event.
 */
@Component
@ProcessingGroup(NotificationProcessingGroup.NAME)
@DisallowReplay
class FeedPublisher {

    private static final Logger log = LoggerFactory.getLogger(FeedPublisher.class);
    private static final String PENDING = FeedPublisher.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final MarketParties parties;
    private final FeedRenderer renderer;
    private final FeedTail tail;
    private final Clock clock;
    private final RoutingTable routing;

    FeedPublisher(
            JdbcTemplate jdbc,
            MarketParties parties,
            FeedRenderer renderer,
            FeedTail tail,
            Clock clock,
            RoutingTable routing) {
        this.routing = routing;
        this.jdbc = jdbc;
        this.parties = parties;
        this.renderer = renderer;
        this.tail = tail;
        this.clock = clock;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        add(route(payload, message, routing, parties).rendered(renderer.render(message, clock.instant())));
    }

    /**
     * Puts the withheld entry of a parked event into the feed: type, ids, timestamps and the reason, never the
     * payload; addressed to the audience derived from the event if it can be, otherwise to AUDITOR and OPERATOR only.
     * The withheld entry takes the event's place among the batch's entries; an entry this handler had already added
     * for the event before another handler of the processor failed on it is dropped. The event's routing state is
     * applied when it is redriven (if this handler applied it already, applying it again changes nothing: the routing
     * state is kept by upserts keyed by effective dates).
     */
    void withhold(EventMessage<?> message, String reason) {
        LocalDate recordedOn = recordedOn(message);
        Audience audience;
        String eventType;
        try {
            Object payload = message.getPayload();
            eventType = payload.getClass().getSimpleName();
            audience = routing.audienceOf(payload, recordedOn, parties)
                    .orElseGet(() -> Audience.onRecordedDay().build(recordedOn));
        } catch (RuntimeException unreadable) {
            log.warn(
                    "Withholding event {}: its audience cannot be derived, only AUDITOR and OPERATOR will see it",
                    message.getIdentifier(),
                    unreadable);
            eventType = message.getPayloadType().getSimpleName();
            audience = Audience.onRecordedDay().build(recordedOn);
        }
        log.warn("Withholding event {} ({}) from the feed: {}", message.getIdentifier(), eventType, reason);
        if (CurrentUnitOfWork.isStarted()) {
            List<Entry> pending = CurrentUnitOfWork.get().root().getResource(PENDING);
            if (pending != null) {
                pending.removeIf(entry -> entry.message().getIdentifier().equals(message.getIdentifier()));
            }
        }
        add(new Entry(eventType, audience, message, null, renderer.renderWithheld(message, clock.instant(), reason)));
    }

    private void add(Entry entry) {
        if (!CurrentUnitOfWork.isStarted()) {
            publish(List.of(entry));
            tail.nudge();
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<Entry>>getOrComputeResource(PENDING, key -> {
                    List<Entry> pending = new ArrayList<>();
                    batch.onPrepareCommit(unitOfWork -> publish(pending));
                    batch.afterCommit(unitOfWork -> tail.nudge());
                    return pending;
                })
                .add(entry);
    }

    /**
     * The event's feed entry: its audience from the parties as they stand before it, which it then updates. The one
     * way an event is routed, live and when the feed is derived again ({@link FeedRederivation}).
     */
    static Entry route(Object payload, EventMessage<?> message, RoutingTable routing, MarketParties parties) {
        LocalDate recordedOn = recordedOn(message);
        Audience audience = routing.audienceOf(payload, recordedOn, parties).orElseGet(() -> {
            log.error(
                    "No audience rule for event type {} (event {}): only AUDITOR and OPERATOR will see it",
                    payload.getClass().getName(),
                    message.getIdentifier());
            return Audience.onRecordedDay().build(recordedOn);
        });
        parties.apply(payload, recordedOn);
        return new Entry(
                payload.getClass().getSimpleName(),
                audience,
                message,
                payload instanceof ConsumptionRecorded consumption
                        ? consumption.mpan().value()
                        : null,
                null);
    }

    private static LocalDate recordedOn(EventMessage<?> message) {
        return message.getTimestamp().atZone(SettlementDate.LONDON).toLocalDate();
    }

    /**
     * The batch's entries in handling order, in its transaction: one round trip takes their positions, one inserts
     * them (per event, the two round trips cost more than rendering the envelope).
     */
    private void publish(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Long> positions = new ArrayList<>(jdbc.queryForList(
                "SELECT nextval('notification.feed_position_seq') FROM generate_series(1, ?)",
                Long.class,
                entries.size()));
        positions.sort(null);
        jdbc.batchUpdate(
                "INSERT INTO notification.feed (position, event_type, audience, settlement_day, envelope, mpan) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement insert, int i) throws SQLException {
                        Entry entry = entries.get(i);
                        long position = positions.get(i);
                        insert.setLong(1, position);
                        insert.setString(2, entry.eventType());
                        insert.setArray(
                                3,
                                insert.getConnection()
                                        .createArrayOf("text", entry.audience().sorted()));
                        insert.setObject(4, entry.audience().day());
                        insert.setBytes(5, renderer.atPosition(entry.envelope(), position));
                        // the MPAN of consumption, so that a shred finds the envelopes holding its readings
                        insert.setString(6, entry.mpan());
                    }

                    @Override
                    public int getBatchSize() {
                        return entries.size();
                    }
                });
    }

    /** A feed entry: routed, then rendered (without its position) before it is published. */
    record Entry(
            String eventType,
            Audience audience,
            EventMessage<?> message,
            @Nullable String mpan,
            byte @Nullable [] envelope) {

        Entry rendered(byte[] rendered) {
            return new Entry(eventType, audience, message, mpan, rendered);
        }
    }
}
