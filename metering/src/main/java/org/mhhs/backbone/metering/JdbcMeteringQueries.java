package org.mhhs.backbone.metering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionVersionView;
import org.mhhs.backbone.metering.api.ConsumptionView;
import org.mhhs.backbone.metering.api.MeteringQueries;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcMeteringQueries implements MeteringQueries {

    private static final String COLUMNS = """
            version, replaces_version, recorded_at, data_service_id, supplier_id, gsp_group_id, total_wh,
            period_count, watt_hours, estimated""";

    private final JdbcClient jdbc;

    JdbcMeteringQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ConsumptionVersionView> findVersions(Mpan mpan, LocalDate settlementDate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metering.consumption_version WHERE mpan = :mpan"
                        + " AND settlement_date = :day ORDER BY version")
                .param("mpan", mpan.value())
                .param("day", settlementDate)
                .query((rs, n) -> version(rs))
                .list();
    }

    @Override
    public Optional<ConsumptionView> findConsumption(Mpan mpan, LocalDate settlementDate, int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metering.consumption_version WHERE mpan = :mpan"
                        + " AND settlement_date = :day AND (version = :version OR :version = 0)"
                        + " ORDER BY version DESC LIMIT 1")
                .param("mpan", mpan.value())
                .param("day", settlementDate)
                .param("version", version)
                .query((rs, n) -> new ConsumptionView(mpan, settlementDate, version(rs),
                        ReadingsCodec.decode(rs.getInt(8), rs.getString(9), rs.getString(10))))
                .optional();
    }

    private static ConsumptionVersionView version(ResultSet rs) throws SQLException {
        return new ConsumptionVersionView(rs.getInt(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                ParticipantId.of(rs.getString(4)), ParticipantId.of(rs.getString(5)), GspGroupId.of(rs.getString(6)),
                Energy.ofWattHours(rs.getLong(7)));
    }
}
