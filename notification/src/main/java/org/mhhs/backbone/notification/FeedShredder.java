package org.mhhs.backbone.notification;

import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.notification.api.FeedRenderer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes the readings out of the feed when an MPAN's consumption is shredded: every stored consumption envelope of
 * that MPAN is rendered again without readings, in the transaction that publishes the shred, just before it commits
 * (after whatever the batch published before it). Each node's {@link FeedTail} reloads the envelopes it holds when
 * it sees the shred in the feed.
 */
@Component
@ProcessingGroup(NotificationProcessingGroup.NAME)
@DisallowReplay
class FeedShredder {

    private final JdbcTemplate jdbc;
    private final FeedRenderer renderer;

    FeedShredder(JdbcTemplate jdbc, FeedRenderer renderer) {
        this.jdbc = jdbc;
        this.renderer = renderer;
    }

    @EventHandler
    void on(ConsumptionShredded event, UnitOfWork<?> unitOfWork) {
        unitOfWork.root().onPrepareCommit(batch -> stripReadings(event.mpan().value()));
    }

    private void stripReadings(String mpan) {
        record Stored(long position, byte[] envelope) {}
        List<Stored> stored = jdbc.query(
                """
                        SELECT position, envelope FROM notification.feed
                        WHERE mpan = ? AND event_type = ? ORDER BY position FOR UPDATE""",
                (rs, n) -> new Stored(rs.getLong(1), rs.getBytes(2)),
                mpan,
                ConsumptionRecorded.class.getSimpleName());
        jdbc.batchUpdate(
                "UPDATE notification.feed SET envelope = ? WHERE position = ?",
                stored.stream()
                        .map(entry -> new Object[] {renderer.withoutReadings(entry.envelope()), entry.position()})
                        .toList());
    }
}
