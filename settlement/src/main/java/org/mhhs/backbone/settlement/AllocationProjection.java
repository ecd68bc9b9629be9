package org.mhhs.backbone.settlement;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Allocated volumes in settlement.allocated_volume, from the latest version of each MPAN-day (kept in
 * settlement.latest_consumption). The events of a batch are collected and applied once, just before the batch commits
 * with its token: one read of the versions already counted, one batched upsert of the changed versions and one of the
 * changed cells, instead of some fifty statements per event. Replays converge: a version not newer than the one
 * counted changes nothing.
 */
@Component
@ProcessingGroup(SettlementProcessingGroups.ALLOCATION)
class AllocationProjection {

    private static final String BATCH = AllocationProjection.class.getName() + ".batch";

    private final JdbcTemplate jdbc;

    AllocationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConsumptionRecorded event, UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        List<Allocation.Latest> pending = batch.getOrComputeResource(BATCH, key -> {
            List<Allocation.Latest> events = new ArrayList<>();
            batch.onPrepareCommit(u -> apply(events));
            return events;
        });
        pending.add(Allocation.Latest.of(event));
    }

    private void apply(List<Allocation.Latest> events) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.consumptionDayId()));
        Allocation changes = Allocation.changesTo(alreadyCounted(ids));
        events.forEach(changes::record);
        List<Allocation.Latest> changed = changes.changedLatest();
        if (changed.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO settlement.latest_consumption (consumption_day_id, settlement_date, version, supplier_id,
                    gsp_group_id, period_count, watt_hours)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (consumption_day_id) DO UPDATE SET version = excluded.version,
                    supplier_id = excluded.supplier_id, gsp_group_id = excluded.gsp_group_id,
                    period_count = excluded.period_count, watt_hours = excluded.watt_hours""",
                changed, changed.size(), (ps, latest) -> {
                    ps.setString(1, latest.consumptionDayId());
                    ps.setDate(2, Date.valueOf(latest.settlementDate()));
                    ps.setInt(3, latest.version());
                    ps.setString(4, latest.supplier().value());
                    ps.setString(5, latest.gspGroupId().value());
                    ps.setInt(6, latest.periodCount());
                    ps.setString(7, latest.wattHours());
                });
        List<Map.Entry<Allocation.Cell, Allocation.Figure>> cells = new ArrayList<>(changes.cells().entrySet());
        jdbc.batchUpdate("""
                INSERT INTO settlement.allocated_volume (settlement_date, gsp_group_id, supplier_id, period,
                    energy_wh, mpan_count)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (settlement_date, gsp_group_id, supplier_id, period) DO UPDATE
                    SET energy_wh = allocated_volume.energy_wh + excluded.energy_wh,
                        mpan_count = allocated_volume.mpan_count + excluded.mpan_count""",
                cells, cells.size(), (ps, cell) -> {
                    ps.setDate(1, Date.valueOf(cell.getKey().settlementDate()));
                    ps.setString(2, cell.getKey().gspGroupId().value());
                    ps.setString(3, cell.getKey().supplier().value());
                    ps.setInt(4, cell.getKey().period());
                    ps.setLong(5, cell.getValue().wattHours());
                    ps.setInt(6, cell.getValue().mpanCount());
                });
        // an MPAN that left a cell (a revision moved it to another supplier or GSP group) may leave it empty
        cells.stream().filter(cell -> cell.getValue().mpanCount() < 0)
                .map(cell -> cell.getKey().settlementDate()).distinct()
                .forEach(day -> jdbc.update("DELETE FROM settlement.allocated_volume WHERE settlement_date = ?"
                        + " AND mpan_count = 0", Date.valueOf(day)));
    }

    private List<Allocation.Latest> alreadyCounted(Set<String> ids) {
        return jdbc.query(con -> {
            var statement = con.prepareStatement("""
                    SELECT consumption_day_id, settlement_date, version, supplier_id, gsp_group_id, period_count,
                        watt_hours
                    FROM settlement.latest_consumption WHERE consumption_day_id = ANY (?)""");
            statement.setArray(1, con.createArrayOf("text", ids.toArray()));
            return statement;
        }, (rs, n) -> new Allocation.Latest(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getInt(3),
                ParticipantId.of(rs.getString(4)), GspGroupId.of(rs.getString(5)), rs.getInt(6), rs.getString(7)));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE settlement.latest_consumption, settlement.allocated_volume");
    }
}
