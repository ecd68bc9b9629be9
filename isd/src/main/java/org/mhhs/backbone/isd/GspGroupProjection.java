package org.mhhs.backbone.isd;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.kernel.SettlementDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** GSP groups and their DNO, in isd.gsp_group (the DNO scheduled last) and isd.gsp_group_dno (every DNO period). */
@Component
@ProcessingGroup(IsdProcessingGroup.NAME)
class GspGroupProjection {

    private final JdbcClient jdbc;

    GspGroupProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(GspGroupRegistered event) {
        jdbc.sql("""
                INSERT INTO isd.gsp_group (gsp_group_id, name, dno_id) VALUES (:id, :name, :dno)
                ON CONFLICT (gsp_group_id) DO UPDATE SET name = EXCLUDED.name, dno_id = EXCLUDED.dno_id""")
                .param("id", event.gspGroupId().value())
                .param("name", event.name())
                .param("dno", event.dnoId().value())
                .update();
        dnoFrom(
                event.gspGroupId().value(),
                JdbcIsdQueries.BEGINNING,
                event.dnoId().value());
    }

    @EventHandler
    void on(GspGroupDnoChanged event, @Timestamp Instant recordedAt) {
        jdbc.sql("UPDATE isd.gsp_group SET dno_id = :dno WHERE gsp_group_id = :id")
                .param("dno", event.dnoId().value())
                .param("id", event.gspGroupId().value())
                .update();
        dnoFrom(
                event.gspGroupId().value(),
                event.effectiveFromOr(recordedAt.atZone(SettlementDate.LONDON).toLocalDate()),
                event.dnoId().value());
    }

    private void dnoFrom(String gspGroupId, LocalDate from, String dnoId) {
        jdbc.sql("""
                INSERT INTO isd.gsp_group_dno (gsp_group_id, effective_from, dno_id) VALUES (:id, :from, :dno)
                ON CONFLICT (gsp_group_id, effective_from) DO UPDATE SET dno_id = EXCLUDED.dno_id""")
                .param("id", gspGroupId)
                .param("from", from)
                .param("dno", dnoId)
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE isd.gsp_group, isd.gsp_group_dno").update();
    }
}
