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
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionVersionView;
import org.mhhs.backbone.metering.api.ConsumptionView;
import org.mhhs.backbone.metering.api.MeteringQueries;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the version table and opens the sealed readings; readings that no longer open are answered as shredded. */
@Component
class JdbcMeteringQueries implements MeteringQueries {

    private static final String COLUMNS = """
            version, replaces_version, recorded_at, data_service_id, supplier_id, gsp_group_id,
            period_count, key_version, sealed_readings""";

    private final JdbcClient jdbc;
    private final ConsumptionCipher cipher;

    JdbcMeteringQueries(JdbcClient jdbc, ConsumptionCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public List<ConsumptionVersionView> findVersions(Mpan mpan, LocalDate settlementDate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metering.consumption_version WHERE mpan = :mpan"
                        + " AND settlement_date = :day ORDER BY version")
                .param("mpan", mpan.value())
                .param("day", settlementDate)
                .query((rs, n) -> consumption(mpan, settlementDate, rs).version())
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
                .query((rs, n) -> consumption(mpan, settlementDate, rs))
                .optional();
    }

    private ConsumptionView consumption(Mpan mpan, LocalDate settlementDate, ResultSet rs) throws SQLException {
        Optional<List<SubmitConsumption.Reading>> readings =
                cipher.open(mpan, settlementDate, rs.getInt(8), rs.getInt(7), rs.getString(9));
        ConsumptionVersionView version = new ConsumptionVersionView(
                rs.getInt(1),
                rs.getInt(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                ParticipantId.of(rs.getString(4)),
                ParticipantId.of(rs.getString(5)),
                GspGroupId.of(rs.getString(6)),
                readings.map(ReadingsCodec::totalWattHours).map(Energy::ofWattHours));
        return new ConsumptionView(mpan, settlementDate, version, readings.orElse(List.of()));
    }
}
