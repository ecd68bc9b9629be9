package org.mhhs.backbone.registration;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.registration.api.AppointmentView.AppointmentState;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The effective-dated timeline of every metering point (details and responsibilities) and the state of each
 * appointment request, in the registration schema. Every statement is idempotent, so replays converge.
 */
@Component
@ProcessingGroup(RegistrationProcessingGroup.NAME)
class TimelineProjection {

    private final JdbcClient jdbc;

    TimelineProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MeteringPointRegistered event) {
        jdbc.sql("""
                INSERT INTO registration.metering_point (mpan, registration_service, registered_from)
                VALUES (:mpan, :service, :from) ON CONFLICT (mpan) DO NOTHING""")
                .param("mpan", event.mpan().value())
                .param("service", event.registrationService().value())
                .param("from", event.effectiveFrom())
                .update();
        details(
                event.mpan().value(),
                event.effectiveFrom(),
                event.gspGroupId().value(),
                event.segment().name(),
                event.energisation().name());
    }

    @EventHandler
    void on(MeteringPointDetailsChanged event) {
        details(
                event.mpan().value(),
                event.effectiveFrom(),
                event.gspGroupId().value(),
                event.segment().name(),
                event.energisation().name());
    }

    private void details(String mpan, LocalDate from, String gspGroup, String segment, String energisation) {
        jdbc.sql("""
                INSERT INTO registration.metering_point_details
                    (mpan, effective_from, gsp_group_id, segment, energisation)
                VALUES (:mpan, :from, :gsp, :segment, :energisation)
                ON CONFLICT (mpan, effective_from) DO UPDATE SET gsp_group_id = EXCLUDED.gsp_group_id,
                    segment = EXCLUDED.segment, energisation = EXCLUDED.energisation""")
                .param("mpan", mpan)
                .param("from", from)
                .param("gsp", gspGroup)
                .param("segment", segment)
                .param("energisation", energisation)
                .update();
    }

    @EventHandler
    void on(SupplierRegistered event) {
        if (event.losingSupplier() != null) {
            endTenure(
                    event.mpan().value(),
                    MarketRole.SUPPLIER,
                    event.losingSupplierFrom(),
                    event.effectiveFrom().minusDays(1));
        }
        startTenure(event.mpan().value(), MarketRole.SUPPLIER, event.supplier().value(), event.effectiveFrom(), null);
    }

    /** The withdrawn period goes; the supplier it would have replaced runs on until the withdrawn one would end. */
    @EventHandler
    void on(SupplierRegistrationWithdrawn event) {
        jdbc.sql("""
                DELETE FROM registration.responsibility
                WHERE mpan = :mpan AND role = :role AND effective_from = :from AND participant_id = :supplier""")
                .param("mpan", event.mpan().value())
                .param("role", MarketRole.SUPPLIER.name())
                .param("from", event.effectiveFrom())
                .param("supplier", event.supplier().value())
                .update();
        if (event.restoredSupplier() != null) {
            endTenure(event.mpan().value(), MarketRole.SUPPLIER, event.restoredSupplierFrom(), event.effectiveTo());
        }
    }

    @EventHandler
    void on(ServiceAppointmentRequested event) {
        jdbc.sql("""
                INSERT INTO registration.appointment (appointment_id, mpan, role, service_id, supplier_id,
                    effective_from, state, respond_by)
                VALUES (:id, :mpan, :role, :service, :supplier, :from, :state, :respondBy)
                ON CONFLICT (appointment_id) DO NOTHING""")
                .param("id", event.appointmentId())
                .param("mpan", event.mpan().value())
                .param("role", event.role().name())
                .param("service", event.service().value())
                .param("supplier", event.supplier().value())
                .param("from", event.effectiveFrom())
                .param("state", AppointmentState.REQUESTED.name())
                .param("respondBy", Timestamp.from(event.respondBy()))
                .update();
    }

    @EventHandler
    void on(ServiceAppointmentAccepted event) {
        state(event.appointmentId(), AppointmentState.ACCEPTED, null);
        startTenure(
                event.mpan().value(),
                event.role().marketRole(),
                event.service().value(),
                event.effectiveFrom(),
                event.appointmentId());
    }

    @EventHandler
    void on(ServiceAppointmentRejected event) {
        state(event.appointmentId(), AppointmentState.REJECTED, event.reason());
    }

    @EventHandler
    void on(ServiceAppointmentTimedOut event) {
        state(event.appointmentId(), AppointmentState.TIMED_OUT, null);
    }

    @EventHandler
    void on(ServiceAppointmentEnded event) {
        endTenure(event.mpan().value(), event.role().marketRole(), event.effectiveFrom(), event.lastDay());
        state(event.appointmentId(), AppointmentState.ENDED, null);
    }

    private void startTenure(String mpan, MarketRole role, String participant, LocalDate from, UUID appointmentId) {
        jdbc.sql("""
                INSERT INTO registration.responsibility (mpan, role, participant_id, effective_from, appointment_id)
                VALUES (:mpan, :role, :participant, :from, :appointment)
                ON CONFLICT (mpan, role, effective_from) DO UPDATE SET participant_id = EXCLUDED.participant_id,
                    effective_to = NULL, appointment_id = EXCLUDED.appointment_id""")
                .param("mpan", mpan)
                .param("role", role.name())
                .param("participant", participant)
                .param("from", from)
                .param("appointment", appointmentId)
                .update();
    }

    private void endTenure(String mpan, MarketRole role, LocalDate from, LocalDate lastDay) {
        jdbc.sql("""
                UPDATE registration.responsibility SET effective_to = :lastDay
                WHERE mpan = :mpan AND role = :role AND effective_from = :from""")
                .param("lastDay", lastDay)
                .param("mpan", mpan)
                .param("role", role.name())
                .param("from", from)
                .update();
    }

    private void state(UUID appointmentId, AppointmentState state, String reason) {
        jdbc.sql("UPDATE registration.appointment SET state = :state, reason = :reason WHERE appointment_id = :id")
                .param("state", state.name())
                .param("reason", reason)
                .param("id", appointmentId)
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("""
                TRUNCATE registration.metering_point, registration.metering_point_details,
                    registration.responsibility, registration.appointment""").update();
    }
}
