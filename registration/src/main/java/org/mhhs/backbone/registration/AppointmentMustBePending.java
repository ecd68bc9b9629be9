package org.mhhs.backbone.registration;

import java.util.Map;
import java.util.UUID;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** An appointment request is answered once, while it is pending: not after an answer, its time-out or its end. */
final class AppointmentMustBePending {

    static final String RULE = "AppointmentMustBePending";

    private AppointmentMustBePending() {}

    static PendingAppointment check(Mpan mpan, UUID appointmentId, Map<UUID, PendingAppointment> pending) {
        PendingAppointment appointment = pending.get(appointmentId);
        if (appointment == null) {
            throw RuleViolation.precondition(
                    RULE,
                    appointmentId.toString(),
                    "appointment " + appointmentId + " of " + mpan + " was already answered, timed out or ended");
        }
        return appointment;
    }
}
