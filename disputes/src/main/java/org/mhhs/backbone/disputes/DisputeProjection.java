package org.mhhs.backbone.disputes;

import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.mhhs.backbone.disputes.api.DisputeRaised;
import org.mhhs.backbone.disputes.api.DisputeResolved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Disputes and their resolution, in disputes.dispute; replays converge (idempotent upserts). */
@Component
@ProcessingGroup(DisputesProcessingGroup.NAME)
class DisputeProjection {

    private final JdbcClient jdbc;

    DisputeProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DisputeRaised event, EventMessage<?> message) {
        jdbc.sql("""
                INSERT INTO disputes.dispute (dispute_id, settlement_date, supplier_id, reason, raised_at)
                VALUES (:id, :day, :supplier, :reason, :at)
                ON CONFLICT (dispute_id) DO NOTHING""")
                .param("id", event.disputeId())
                .param("day", event.settlementDate())
                .param("supplier", event.supplier().value())
                .param("reason", event.reason())
                .param("at", Timestamp.from(message.getTimestamp()))
                .update();
    }

    @EventHandler
    void on(DisputeResolved event) {
        jdbc.sql("""
                UPDATE disputes.dispute SET resolution = :resolution, resolved_by = :by
                WHERE dispute_id = :id""")
                .param("resolution", event.resolution())
                .param("by", event.resolvedBy().value())
                .param("id", event.disputeId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE disputes.dispute").update();
    }
}
