package org.mhhs.backbone.metering;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every consumption version, in metering.consumption_version. Idempotent: replays converge. */
@Component
@ProcessingGroup(MeteringProcessingGroup.NAME)
class ConsumptionVersionProjection {

    private final JdbcClient jdbc;

    ConsumptionVersionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConsumptionRecorded event, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                INSERT INTO metering.consumption_version (mpan, settlement_date, version, replaces_version,
                    data_service_id, supplier_id, gsp_group_id, total_wh, period_count, watt_hours, estimated, recorded_at)
                VALUES (:mpan, :day, :version, :replaces, :dataService, :supplier, :gsp, :total, :periods, :wh, :est, :at)
                ON CONFLICT (mpan, settlement_date, version) DO NOTHING""")
                .param("mpan", event.mpan().value())
                .param("day", event.settlementDate())
                .param("version", event.version())
                .param("replaces", event.replacesVersion())
                .param("dataService", event.dataService().value())
                .param("supplier", event.supplier().value())
                .param("gsp", event.gspGroupId().value())
                .param("total", event.totalWattHours())
                .param("periods", event.periodCount())
                .param("wh", event.wattHours())
                .param("est", event.estimated())
                .param("at", java.sql.Timestamp.from(recordedAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE metering.consumption_version").update();
    }
}
