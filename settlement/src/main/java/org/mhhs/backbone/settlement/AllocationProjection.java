package org.mhhs.backbone.settlement;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionDayId;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Allocated volumes in settlement.allocated_volume (a row per day, GSP group and supplier holding every period), from
 * the latest version of each MPAN-day (kept in settlement.latest_consumption). The events of a batch are collected
 * and applied once, just before the batch commits with its token: one read of the versions already counted, one
 * upsert of all changed versions and one of all changed cells (each a single statement over arrays), instead of some
 * fifty statements per event. Replays converge: a version not newer than the one counted changes nothing. Readings
 * are opened through metering's {@link ConsumptionCipher} and stored sealed; a version that no longer opens (its
 * MPAN was shredded) is left out, so a rebuild after a shred holds no volumes of the shredded MPAN, whereas the
 * figures runs froze and published stay as they were.
 */
@Component
@ProcessingGroup(SettlementProcessingGroups.ALLOCATION)
class AllocationProjection {

    private static final String BATCH = AllocationProjection.class.getName() + ".batch";

    private final JdbcTemplate jdbc;
    private final ConsumptionCipher cipher;

    AllocationProjection(JdbcTemplate jdbc, ConsumptionCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @EventHandler
    void on(ConsumptionRecorded event, UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        List<Allocation.Latest> pending = batch.getOrComputeResource(BATCH, key -> {
            List<Allocation.Latest> events = new ArrayList<>();
            batch.onPrepareCommit(u -> apply(events));
            return events;
        });
        pending.add(Allocation.Latest.of(event, cipher));
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
        storeLatest(changed);
        Map<Allocation.DayRow, Allocation.RowFigures> rows = changes.rows();
        addToRows(rows);
        // an MPAN that left a day row (a revision moved it to another supplier or GSP group) may leave it empty
        rows.entrySet().stream()
                .filter(row -> row.getValue().mpanCount() < 0)
                .map(row -> row.getKey().settlementDate())
                .distinct()
                .forEach(day -> jdbc.update(
                        "DELETE FROM settlement.allocated_volume WHERE settlement_date = ?" + " AND mpan_count = 0",
                        Date.valueOf(day)));
    }

    private void storeLatest(List<Allocation.Latest> changed) {
        int n = changed.size();
        Object[] ids = new Object[n];
        Object[] days = new Object[n];
        Object[] versions = new Object[n];
        Object[] suppliers = new Object[n];
        Object[] groups = new Object[n];
        Object[] periodCounts = new Object[n];
        Object[] keyVersions = new Object[n];
        Object[] sealed = new Object[n];
        for (int i = 0; i < n; i++) {
            Allocation.Latest latest = changed.get(i);
            ids[i] = latest.consumptionDayId();
            days[i] = latest.settlementDate().toString();
            versions[i] = latest.version();
            suppliers[i] = latest.supplier().value();
            groups[i] = latest.gspGroupId().value();
            periodCounts[i] = latest.periodCount();
            keyVersions[i] = latest.keyVersion();
            sealed[i] = latest.sealedReadings();
        }
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO settlement.latest_consumption AS latest (consumption_day_id, settlement_date, version,
                        supplier_id, gsp_group_id, period_count, key_version, sealed_readings)
                    SELECT * FROM unnest(?::text[], ?::text[]::date[], ?::int[], ?::text[], ?::text[], ?::int[],
                        ?::int[], ?::text[])
                    ON CONFLICT (consumption_day_id) DO UPDATE SET version = excluded.version,
                        supplier_id = excluded.supplier_id, gsp_group_id = excluded.gsp_group_id,
                        period_count = excluded.period_count, key_version = excluded.key_version,
                        sealed_readings = excluded.sealed_readings""");
            statement.setArray(1, con.createArrayOf("text", ids));
            statement.setArray(2, con.createArrayOf("text", days));
            statement.setArray(3, con.createArrayOf("int4", versions));
            statement.setArray(4, con.createArrayOf("text", suppliers));
            statement.setArray(5, con.createArrayOf("text", groups));
            statement.setArray(6, con.createArrayOf("int4", periodCounts));
            statement.setArray(7, con.createArrayOf("int4", keyVersions));
            statement.setArray(8, con.createArrayOf("text", sealed));
            return statement;
        });
    }

    /** Adds the changed day rows (every period of a day, GSP group and supplier) to the stored ones. */
    private void addToRows(Map<Allocation.DayRow, Allocation.RowFigures> rows) {
        int m = rows.size();
        Object[] days = new Object[m];
        Object[] groups = new Object[m];
        Object[] suppliers = new Object[m];
        Object[] mpanCounts = new Object[m];
        Object[] energies = new Object[m];
        int i = 0;
        for (Map.Entry<Allocation.DayRow, Allocation.RowFigures> row : rows.entrySet()) {
            days[i] = row.getKey().settlementDate().toString();
            groups[i] = row.getKey().gspGroupId().value();
            suppliers[i] = row.getKey().supplier().value();
            mpanCounts[i] = row.getValue().mpanCount();
            energies[i] = Arrays.stream(row.getValue().wattHours())
                    .mapToObj(Long::toString)
                    .collect(Collectors.joining(",", "{", "}"));
            i++;
        }
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO settlement.allocated_volume AS volume (settlement_date, gsp_group_id, supplier_id,
                        mpan_count, energy_wh)
                    SELECT d::date, g, s, c, e::bigint[]
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::text[]) AS t(d, g, s, c, e)
                    ON CONFLICT (settlement_date, gsp_group_id, supplier_id) DO UPDATE
                        SET mpan_count = volume.mpan_count + excluded.mpan_count,
                            energy_wh = settlement.add_volumes(volume.energy_wh, excluded.energy_wh)""");
            statement.setArray(1, con.createArrayOf("text", days));
            statement.setArray(2, con.createArrayOf("text", groups));
            statement.setArray(3, con.createArrayOf("text", suppliers));
            statement.setArray(4, con.createArrayOf("int4", mpanCounts));
            statement.setArray(5, con.createArrayOf("text", energies));
            return statement;
        });
    }

    private List<Allocation.Latest> alreadyCounted(Set<String> ids) {
        return jdbc.query(
                con -> {
                    var statement = con.prepareStatement("""
                    SELECT consumption_day_id, settlement_date, version, supplier_id, gsp_group_id, period_count,
                        key_version, sealed_readings
                    FROM settlement.latest_consumption WHERE consumption_day_id = ANY (?)""");
                    statement.setArray(1, con.createArrayOf("text", ids.toArray()));
                    return statement;
                },
                (rs, n) -> {
                    String id = rs.getString(1);
                    LocalDate day = rs.getDate(2).toLocalDate();
                    int periodCount = rs.getInt(6);
                    int keyVersion = rs.getInt(7);
                    String sealed = rs.getString(8);
                    long[] readings = cipher.wattHours(
                                    ConsumptionDayId.mpanOf(id), day, keyVersion, periodCount, sealed)
                            .orElse(null);
                    return new Allocation.Latest(
                            id,
                            day,
                            rs.getInt(3),
                            ParticipantId.of(rs.getString(4)),
                            GspGroupId.of(rs.getString(5)),
                            periodCount,
                            keyVersion,
                            sealed,
                            readings);
                });
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE settlement.latest_consumption, settlement.allocated_volume");
    }
}
