package org.mhhs.backbone.notification;

import java.sql.Array;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.notification.api.FeedRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts every event of the store into the delivery feed, once, with its audience and rendered envelope. Runs in the
 * single-segment {@code notification} processor: positions are taken and committed by one writer, batch after batch,
 * so they become visible in order. Events whose store transactions committed out of order reach this processor
 * through Axon's gap tracking and get the next feed position when they arrive: late, never lost.
 */
@Component
@ProcessingGroup(NotificationProcessingGroup.NAME)
@DisallowReplay
class FeedPublisher {

    private static final Logger log = LoggerFactory.getLogger(FeedPublisher.class);

    private final JdbcTemplate jdbc;
    private final MarketParties parties;
    private final FeedRenderer renderer;
    private final FeedTail tail;
    private final Clock clock;

    FeedPublisher(JdbcTemplate jdbc, MarketParties parties, FeedRenderer renderer, FeedTail tail, Clock clock) {
        this.jdbc = jdbc;
        this.parties = parties;
        this.renderer = renderer;
        this.tail = tail;
        this.clock = clock;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        Audience audience = AudienceRules.audienceOf(payload, parties).orElseGet(() -> {
            log.error("No audience rule for event type {} (event {}): only AUDITOR and OPERATOR will see it",
                    payload.getClass().getName(), message.getIdentifier());
            return Audience.of().build();
        });
        parties.apply(payload);
        long position = jdbc.queryForObject("SELECT nextval('notification.feed_position_seq')", Long.class);
        Instant publishedAt = clock.instant();
        byte[] envelope = renderer.render(message, position, publishedAt);
        jdbc.update(connection -> {
            var insert = connection.prepareStatement(
                    "INSERT INTO notification.feed (position, event_type, audience, envelope, mpan) VALUES (?, ?, ?, ?, ?)");
            Array targets = connection.createArrayOf("text", audience.sorted());
            insert.setLong(1, position);
            insert.setString(2, payload.getClass().getSimpleName());
            insert.setArray(3, targets);
            insert.setBytes(4, envelope);
            insert.setString(5, payload instanceof ConsumptionRecorded consumption ? consumption.mpan().value() : null);
            return insert;
        });
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(committed -> tail.nudge()));
    }
}
