package org.mhhs.backbone.notification;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link MarketParties} in the notification schema, written in the processor's transaction. Every statement is
 * idempotent, so that applying an event again (a batch retried after a failure) changes nothing.
 */
@Component
class JdbcMarketParties implements MarketParties {

    private final JdbcClient jdbc;

    JdbcMarketParties(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ParticipantId> dnoOn(GspGroupId gspGroup, LocalDate day) {
        return jdbc.sql("""
                SELECT dno_id FROM notification.dno_period
                WHERE gsp_group_id = :gsp AND effective_from <= :day
                ORDER BY effective_from DESC LIMIT 1""")
                .param("gsp", gspGroup.value())
                .param("day", day)
                .query((rs, n) -> ParticipantId.of(rs.getString(1)))
                .optional();
    }

    @Override
    public Optional<MeteringPointParties> meteringPointOn(Mpan mpan, LocalDate day) {
        return jdbc.sql("""
                SELECT m.registration_service, g.gsp_group_id,
                    (SELECT d.dno_id FROM notification.dno_period d
                     WHERE d.gsp_group_id = g.gsp_group_id AND d.effective_from <= :day
                     ORDER BY d.effective_from DESC LIMIT 1),
                    (SELECT s.supplier_id FROM notification.supplier_period s
                     WHERE s.mpan = m.mpan AND s.effective_from <= :day
                     ORDER BY s.effective_from DESC LIMIT 1),
                    ARRAY(SELECT p.service_id FROM notification.service_period p
                          WHERE p.mpan = m.mpan AND p.effective_from <= :day
                            AND (p.effective_to IS NULL OR p.effective_to >= :day)
                          ORDER BY p.role)
                FROM notification.metering_point m
                LEFT JOIN LATERAL (
                    SELECT gsp_group_id FROM notification.gsp_group_period
                    WHERE mpan = m.mpan AND effective_from <= :day
                    ORDER BY effective_from DESC LIMIT 1) g ON true
                WHERE m.mpan = :mpan""")
                .param("mpan", mpan.value())
                .param("day", day)
                .query((rs, n) -> new MeteringPointParties(
                        ParticipantId.of(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2)).map(GspGroupId::of),
                        Optional.ofNullable(rs.getString(3)).map(ParticipantId::of),
                        Optional.ofNullable(rs.getString(4)).map(ParticipantId::of),
                        Arrays.stream((String[]) rs.getArray(5).getArray())
                                .map(ParticipantId::of)
                                .toList()))
                .optional();
    }

    @Override
    public Optional<LocalDate> appointmentFrom(UUID appointmentId) {
        return jdbc.sql("SELECT effective_from FROM notification.appointment WHERE appointment_id = :id")
                .param("id", appointmentId)
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .optional();
    }

    @Override
    public void apply(Object event, LocalDate recordedOn) {
        switch (event) {
            case GspGroupRegistered e ->
                jdbc.sql("""
                    INSERT INTO notification.dno_period (gsp_group_id, effective_from, dno_id)
                    VALUES (:gsp, '-infinity', :dno)
                    ON CONFLICT (gsp_group_id, effective_from) DO UPDATE SET dno_id = excluded.dno_id""")
                        .param("gsp", e.gspGroupId().value())
                        .param("dno", e.dnoId().value())
                        .update();
            case GspGroupDnoChanged e ->
                jdbc.sql("""
                    INSERT INTO notification.dno_period (gsp_group_id, effective_from, dno_id)
                    VALUES (:gsp, :from, :dno)
                    ON CONFLICT (gsp_group_id, effective_from) DO UPDATE SET dno_id = excluded.dno_id""")
                        .param("gsp", e.gspGroupId().value())
                        .param("from", e.effectiveFromOr(recordedOn))
                        .param("dno", e.dnoId().value())
                        .update();
            case MeteringPointRegistered e -> {
                jdbc.sql("""
                    INSERT INTO notification.metering_point (mpan, registration_service) VALUES (:mpan, :service)
                    ON CONFLICT (mpan) DO UPDATE SET registration_service = excluded.registration_service""")
                        .param("mpan", e.mpan().value())
                        .param("service", e.registrationService().value())
                        .update();
                gspGroupFrom(e.mpan(), e.effectiveFrom(), e.gspGroupId());
            }
            case MeteringPointDetailsChanged e -> gspGroupFrom(e.mpan(), e.effectiveFrom(), e.gspGroupId());
            case SupplierRegistered e ->
                jdbc.sql("""
                    INSERT INTO notification.supplier_period (mpan, effective_from, supplier_id)
                    VALUES (:mpan, :from, :supplier)
                    ON CONFLICT (mpan, effective_from) DO UPDATE SET supplier_id = excluded.supplier_id""")
                        .param("mpan", e.mpan().value())
                        .param("from", e.effectiveFrom())
                        .param("supplier", e.supplier().value())
                        .update();
            case SupplierRegistrationWithdrawn e ->
                // the withdrawn period goes: the supplier before it is in force on its days again
                jdbc.sql("""
                    DELETE FROM notification.supplier_period WHERE mpan = :mpan AND effective_from = :from""")
                        .param("mpan", e.mpan().value())
                        .param("from", e.effectiveFrom())
                        .update();
            case ServiceAppointmentRequested e ->
                jdbc.sql("""
                    INSERT INTO notification.appointment (appointment_id, effective_from) VALUES (:id, :from)
                    ON CONFLICT (appointment_id) DO NOTHING""")
                        .param("id", e.appointmentId())
                        .param("from", e.effectiveFrom())
                        .update();
            case ServiceAppointmentAccepted e -> {
                // registration ends the appointment it replaces first (ServiceAppointmentEnded); this keeps the
                // periods apart even so
                jdbc.sql("""
                    UPDATE notification.service_period SET effective_to = :dayBefore
                    WHERE mpan = :mpan AND role = :role AND effective_from < :from
                      AND (effective_to IS NULL OR effective_to >= :from)""")
                        .param("dayBefore", e.effectiveFrom().minusDays(1))
                        .param("mpan", e.mpan().value())
                        .param("role", e.role().name())
                        .param("from", e.effectiveFrom())
                        .update();
                jdbc.sql("""
                    INSERT INTO notification.service_period (mpan, role, effective_from, service_id)
                    VALUES (:mpan, :role, :from, :service)
                    ON CONFLICT (mpan, role, effective_from)
                        DO UPDATE SET service_id = excluded.service_id, effective_to = NULL""")
                        .param("mpan", e.mpan().value())
                        .param("role", e.role().name())
                        .param("from", e.effectiveFrom())
                        .param("service", e.service().value())
                        .update();
            }
            case ServiceAppointmentEnded e ->
                jdbc.sql("""
                    UPDATE notification.service_period SET effective_to = :lastDay
                    WHERE mpan = :mpan AND role = :role AND effective_from = :from""")
                        .param("lastDay", e.lastDay())
                        .param("mpan", e.mpan().value())
                        .param("role", e.role().name())
                        .param("from", e.effectiveFrom())
                        .update();
            default -> {
                // nothing routing needs to remember
            }
        }
    }

    private void gspGroupFrom(Mpan mpan, LocalDate from, GspGroupId gspGroup) {
        jdbc.sql("""
                INSERT INTO notification.gsp_group_period (mpan, effective_from, gsp_group_id)
                VALUES (:mpan, :from, :gsp)
                ON CONFLICT (mpan, effective_from) DO UPDATE SET gsp_group_id = excluded.gsp_group_id""")
                .param("mpan", mpan.value())
                .param("from", from)
                .param("gsp", gspGroup.value())
                .update();
    }

    /** Forgets everything, before the parties are derived again from the start of the event store. */
    void clear() {
        jdbc.sql("""
                TRUNCATE notification.dno_period, notification.metering_point, notification.gsp_group_period,
                    notification.supplier_period, notification.service_period, notification.appointment""").update();
    }
}
