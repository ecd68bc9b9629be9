package org.mhhs.backbone.isd;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Participants and their role periods, in isd.participant and isd.participant_role. Replays are idempotent. */
@Component
@ProcessingGroup(IsdProcessingGroup.NAME)
class ParticipantProjection {

    private final JdbcClient jdbc;

    ParticipantProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ParticipantRegistered event) {
        jdbc.sql("""
                INSERT INTO isd.participant (participant_id, name) VALUES (:id, :name)
                ON CONFLICT (participant_id) DO UPDATE SET name = EXCLUDED.name""")
                .param("id", event.participantId().value())
                .param("name", event.name())
                .update();
    }

    @EventHandler
    void on(RoleGranted event) {
        jdbc.sql("""
                INSERT INTO isd.participant_role (participant_id, role, effective_from, effective_to)
                VALUES (:id, :role, :from, :to)
                ON CONFLICT (participant_id, role, effective_from)
                    DO UPDATE SET effective_to = EXCLUDED.effective_to""")
                .param("id", event.participantId().value())
                .param("role", event.role().name())
                .param("from", event.period().from())
                .param("to", event.period().to())
                .update();
    }

    @EventHandler
    void on(RoleRevoked event) {
        jdbc.sql("""
                UPDATE isd.participant_role SET effective_to = :lastDay
                WHERE participant_id = :id AND role = :role AND effective_from = :from""")
                .param("lastDay", event.lastDay())
                .param("id", event.participantId().value())
                .param("role", event.role().name())
                .param("from", event.period().from())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE isd.participant_role, isd.participant").update();
    }
}
