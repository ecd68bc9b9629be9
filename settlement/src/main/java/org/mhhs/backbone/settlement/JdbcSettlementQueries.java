package org.mhhs.backbone.settlement;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.settlement.api.AllocatedVolumeView;
import org.mhhs.backbone.settlement.api.RunTrigger;
import org.mhhs.backbone.settlement.api.SettlementQueries;
import org.mhhs.backbone.settlement.api.SettlementRunView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcSettlementQueries implements SettlementQueries {

    private static final String RUN_COLUMNS = """
            settlement_date, run_type, position, excluded_positions, content_hash, cell_count, supplier_count,
            total_wh, requested_by, run_trigger, completed_at""";

    private final JdbcTemplate jdbc;

    JdbcSettlementQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AllocatedVolumeView> findAllocatedVolumes(
            LocalDate settlementDate, Optional<GspGroupId> gspGroupId, Optional<ParticipantId> supplier) {
        return volumes("""
                (SELECT settlement_date, gsp_group_id, supplier_id, p.period, p.energy_wh, mpan_count
                 FROM settlement.allocated_volume, unnest(energy_wh) WITH ORDINALITY AS p(energy_wh, period)
                 WHERE mpan_count > 0) AS cell""", "true", settlementDate, null, gspGroupId, supplier);
    }

    @Override
    public List<SettlementRunView> findRuns(LocalDate settlementDate) {
        return jdbc
                .query(
                        "SELECT " + RUN_COLUMNS + " FROM settlement.settlement_run WHERE settlement_date = ?",
                        (rs, n) -> run(rs),
                        Date.valueOf(settlementDate))
                .stream()
                .sorted(Comparator.comparing(SettlementRunView::runType))
                .toList();
    }

    @Override
    public Optional<SettlementRunView> findRun(LocalDate settlementDate, SettlementRunType runType) {
        return jdbc
                .query(
                        "SELECT " + RUN_COLUMNS + " FROM settlement.settlement_run WHERE settlement_date = ?"
                                + " AND run_type = ?",
                        (rs, n) -> run(rs),
                        Date.valueOf(settlementDate),
                        runType.name())
                .stream()
                .findFirst();
    }

    @Override
    public List<AllocatedVolumeView> findRunVolumes(
            LocalDate settlementDate,
            SettlementRunType runType,
            Optional<GspGroupId> gspGroupId,
            Optional<ParticipantId> supplier) {
        return volumes("settlement.run_volume", "run_type = ?", settlementDate, runType.name(), gspGroupId, supplier);
    }

    private List<AllocatedVolumeView> volumes(
            String table,
            String condition,
            LocalDate settlementDate,
            String conditionValue,
            Optional<GspGroupId> gspGroupId,
            Optional<ParticipantId> supplier) {
        StringBuilder sql = new StringBuilder("SELECT gsp_group_id, supplier_id, period, energy_wh, mpan_count FROM ")
                .append(table)
                .append(" WHERE settlement_date = ? AND ")
                .append(condition);
        List<Object> args = new ArrayList<>();
        args.add(Date.valueOf(settlementDate));
        if (conditionValue != null) {
            args.add(conditionValue);
        }
        gspGroupId.ifPresent(gsp -> {
            sql.append(" AND gsp_group_id = ?");
            args.add(gsp.value());
        });
        supplier.ifPresent(s -> {
            sql.append(" AND supplier_id = ?");
            args.add(s.value());
        });
        sql.append(" ORDER BY gsp_group_id, supplier_id, period");
        return jdbc.query(
                sql.toString(),
                (rs, n) -> new AllocatedVolumeView(
                        settlementDate,
                        rs.getInt(3),
                        GspGroupId.of(rs.getString(1)),
                        ParticipantId.of(rs.getString(2)),
                        Energy.ofWattHours(rs.getLong(4)),
                        rs.getInt(5)),
                args.toArray());
    }

    private static SettlementRunView run(ResultSet rs) throws SQLException {
        Array excluded = rs.getArray(4);
        List<Long> excludedPositions =
                Arrays.stream((Long[]) excluded.getArray()).toList();
        return new SettlementRunView(
                rs.getDate(1).toLocalDate(),
                SettlementRunType.valueOf(rs.getString(2)),
                rs.getLong(3),
                excludedPositions,
                rs.getString(5),
                rs.getInt(6),
                rs.getInt(7),
                Energy.ofWattHours(rs.getLong(8)),
                ParticipantId.of(rs.getString(9)),
                RunTrigger.valueOf(rs.getString(10)),
                rs.getObject(11, OffsetDateTime.class).toInstant());
    }
}
