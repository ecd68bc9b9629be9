package org.mhhs.backbone.isd;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** GSP groups and their DNO, in isd.gsp_group. */
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
    }

    @EventHandler
    void on(GspGroupDnoChanged event) {
        jdbc.sql("UPDATE isd.gsp_group SET dno_id = :dno WHERE gsp_group_id = :id")
                .param("dno", event.dnoId().value())
                .param("id", event.gspGroupId().value())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE isd.gsp_group").update();
    }
}
