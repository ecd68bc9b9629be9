package org.mhhs.backbone.notification;

import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link MarketParties} in the notification schema, written in the processor's transaction. */
@Component
class JdbcMarketParties implements MarketParties {

    private static final String UPSERT_DNO = """
            INSERT INTO notification.gsp_group (gsp_group_id, dno_id) VALUES (:gsp, :dno)
            ON CONFLICT (gsp_group_id) DO UPDATE SET dno_id = excluded.dno_id""";

    private final JdbcClient jdbc;

    JdbcMarketParties(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ParticipantId> dnoOf(GspGroupId gspGroup) {
        return jdbc.sql("SELECT dno_id FROM notification.gsp_group WHERE gsp_group_id = :gsp")
                .param("gsp", gspGroup.value())
                .query((rs, n) -> ParticipantId.of(rs.getString(1)))
                .optional();
    }

    @Override
    public Optional<MeteringPointParties> meteringPoint(Mpan mpan) {
        return jdbc.sql("""
                SELECT gsp_group_id, registration_service, supplier FROM notification.metering_point
                WHERE mpan = :mpan""")
                .param("mpan", mpan.value())
                .query((rs, n) -> new MeteringPointParties(
                        GspGroupId.of(rs.getString(1)),
                        ParticipantId.of(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)).map(ParticipantId::of)))
                .optional();
    }

    @Override
    public Optional<ParticipantId> supplierOfAppointment(UUID appointmentId) {
        return jdbc.sql("SELECT supplier FROM notification.appointment WHERE appointment_id = :id")
                .param("id", appointmentId)
                .query((rs, n) -> ParticipantId.of(rs.getString(1)))
                .optional();
    }

    @Override
    public void apply(Object event) {
        switch (event) {
            case GspGroupRegistered e -> dno(e.gspGroupId(), e.dnoId());
            case GspGroupDnoChanged e -> dno(e.gspGroupId(), e.dnoId());
            case MeteringPointRegistered e ->
                jdbc.sql("""
                    INSERT INTO notification.metering_point (mpan, gsp_group_id, registration_service)
                    VALUES (:mpan, :gsp, :service)
                    ON CONFLICT (mpan) DO UPDATE SET gsp_group_id = excluded.gsp_group_id,
                        registration_service = excluded.registration_service""")
                        .param("mpan", e.mpan().value())
                        .param("gsp", e.gspGroupId().value())
                        .param("service", e.registrationService().value())
                        .update();
            case MeteringPointDetailsChanged e ->
                jdbc.sql("""
                    UPDATE notification.metering_point SET gsp_group_id = :gsp WHERE mpan = :mpan""")
                        .param("mpan", e.mpan().value())
                        .param("gsp", e.gspGroupId().value())
                        .update();
            case SupplierRegistered e ->
                jdbc.sql("""
                    UPDATE notification.metering_point SET supplier = :supplier WHERE mpan = :mpan""")
                        .param("mpan", e.mpan().value())
                        .param("supplier", e.supplier().value())
                        .update();
            case SupplierRegistrationWithdrawn e
            when e.effectiveTo() == null ->
                // the latest registration was withdrawn: the one before it is the latest again
                jdbc.sql("""
                    UPDATE notification.metering_point SET supplier = :supplier WHERE mpan = :mpan""")
                        .param("mpan", e.mpan().value())
                        .param(
                                "supplier",
                                e.restoredSupplier() == null
                                        ? null
                                        : e.restoredSupplier().value())
                        .update();
            case ServiceAppointmentRequested e ->
                jdbc.sql("""
                    INSERT INTO notification.appointment (appointment_id, supplier) VALUES (:id, :supplier)
                    ON CONFLICT (appointment_id) DO NOTHING""")
                        .param("id", e.appointmentId())
                        .param("supplier", e.supplier().value())
                        .update();
            default -> {
                // nothing routing needs to remember
            }
        }
    }

    private void dno(GspGroupId gspGroup, ParticipantId dno) {
        jdbc.sql(UPSERT_DNO)
                .param("gsp", gspGroup.value())
                .param("dno", dno.value())
                .update();
    }
}
