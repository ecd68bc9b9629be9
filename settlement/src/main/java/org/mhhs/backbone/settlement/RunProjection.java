package org.mhhs.backbone.settlement;

import java.sql.Date;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The runs of each day (settlement.settlement_run) and the figures each froze (settlement.run_volume). Idempotent. */
@Component
@ProcessingGroup(SettlementProcessingGroups.RUNS)
class RunProjection {

    private static final String INSERT_RUN_VOLUME = """
            INSERT INTO settlement.run_volume (settlement_date, run_type, gsp_group_id, supplier_id, period,
                energy_wh, mpan_count)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final JdbcTemplate jdbc;

    RunProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SupplierAllocationPublished event) {
        jdbc.batchUpdate(INSERT_RUN_VOLUME, event.volumes(), event.volumes().size(), (ps, volume) -> {
            ps.setDate(1, Date.valueOf(event.settlementDate()));
            ps.setString(2, event.runType().name());
            ps.setString(3, volume.gspGroupId().value());
            ps.setString(4, event.supplier().value());
            ps.setInt(5, volume.period());
            ps.setLong(6, volume.energy().wattHours());
            ps.setInt(7, volume.mpanCount());
        });
    }

    @EventHandler
    void on(SettlementRunCompleted event, @Timestamp Instant completedAt) {
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO settlement.settlement_run (settlement_date, run_type, position, excluded_positions,
                        content_hash, cell_count, supplier_count, total_wh, requested_by, run_trigger, completed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
            statement.setDate(1, Date.valueOf(event.settlementDate()));
            statement.setString(2, event.runType().name());
            statement.setLong(3, event.position());
            statement.setArray(
                    4, con.createArrayOf("bigint", event.excludedPositions().toArray()));
            statement.setString(5, event.contentHash());
            statement.setInt(6, event.cellCount());
            statement.setInt(7, event.supplierCount());
            statement.setLong(8, event.total().wattHours());
            statement.setString(9, event.requestedBy().value());
            statement.setString(10, event.trigger().name());
            // qualified: the Timestamp imported here is Axon's annotation on the handler's parameter
            statement.setTimestamp(11, java.sql.Timestamp.from(completedAt));
            return statement;
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE settlement.settlement_run, settlement.run_volume");
    }
}
