package org.mhhs.backbone.registration;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** Only an appointment that was requested for the metering point can be answered. */
final class AppointmentMustExist {

    static final String RULE = "AppointmentMustExist";

    private AppointmentMustExist() {}

    static void check(Mpan mpan, UUID appointmentId, Map<UUID, PendingAppointment> pending, List<UUID> answered) {
        if (!pending.containsKey(appointmentId) && !answered.contains(appointmentId)) {
            throw RuleViolation.notFound(
                    RULE, appointmentId.toString(), "there is no appointment " + appointmentId + " for " + mpan);
        }
    }
}
