package org.mhhs.backbone.metering;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every consumption version, in metering.consumption_version, with its readings sealed as in the event (queries
 * open them). A shred drops the sealed readings of the key version; a version whose key is gone when it is
 * projected (a replay after the shred, in whichever segment order) is stored without them. Idempotent: replays
 * converge to the same rows.
 */
@Component
@ProcessingGroup(MeteringProcessingGroup.NAME)
class ConsumptionVersionProjection {

    private final JdbcClient jdbc;
    private final DataKeys keys;

    ConsumptionVersionProjection(JdbcClient jdbc, DataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @EventHandler
    void on(ConsumptionRecorded event, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                INSERT INTO metering.consumption_version (mpan, settlement_date, version, replaces_version,
                    data_service_id, supplier_id, gsp_group_id, period_count, key_version, sealed_readings, recorded_at)
                VALUES (:mpan, :day, :version, :replaces, :dataService, :supplier, :gsp, :periods, :key, :sealed, :at)
                ON CONFLICT (mpan, settlement_date, version) DO NOTHING""")
                .param("mpan", event.mpan().value())
                .param("day", event.settlementDate())
                .param("version", event.version())
                .param("replaces", event.replacesVersion())
                .param("dataService", event.dataService().value())
                .param("supplier", event.supplier().value())
                .param("gsp", event.gspGroupId().value())
                .param("periods", event.periodCount())
                .param("key", event.keyVersion())
                .param(
                        "sealed",
                        keys.find(event.mpan(), event.keyVersion()).isPresent() ? event.sealedReadings() : null)
                // qualified: the Timestamp imported here is Axon's annotation on the handler's parameter
                .param("at", java.sql.Timestamp.from(recordedAt))
                .update();
    }

    @EventHandler
    void on(ConsumptionShredded event) {
        jdbc.sql("""
                UPDATE metering.consumption_version SET sealed_readings = NULL
                WHERE mpan = :mpan AND key_version = :key""")
                .param("mpan", event.mpan().value())
                .param("key", event.keyVersion())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE metering.consumption_version").update();
    }
}
