package org.mhhs.backbone.disputes;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.disputes.api.DisputeQueries;
import org.mhhs.backbone.disputes.api.DisputeView;
import org.mhhs.backbone.kernel.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcDisputeQueries implements DisputeQueries {

    private final JdbcClient jdbc;

    JdbcDisputeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<DisputeView> findDispute(UUID disputeId) {
        return jdbc.sql("""
                SELECT dispute_id, settlement_date, supplier_id, reason, raised_at, resolution, resolved_by
                FROM disputes.dispute WHERE dispute_id = :id""")
                .param("id", disputeId)
                .query((rs, n) -> new DisputeView(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, LocalDate.class),
                        ParticipantId.of(rs.getString(3)),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6),
                        rs.getString(7) == null ? null : ParticipantId.of(rs.getString(7))))
                .optional();
    }
}
