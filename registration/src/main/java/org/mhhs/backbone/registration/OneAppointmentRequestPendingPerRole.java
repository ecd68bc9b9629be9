package org.mhhs.backbone.registration;

import java.util.Map;
import java.util.UUID;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ServiceRole;

/** A metering point has at most one appointment request awaiting an answer for each service role. */
final class OneAppointmentRequestPendingPerRole {

    static final String RULE = "OneAppointmentRequestPendingPerRole";

    private OneAppointmentRequestPendingPerRole() {}

    static void check(Mpan mpan, ServiceRole role, Map<UUID, PendingAppointment> pending) {
        pending.values().stream().filter(p -> p.role() == role).findFirst().ifPresent(p -> {
            throw RuleViolation.precondition(
                    RULE,
                    p.appointmentId().toString(),
                    "the " + role + " appointment " + p.appointmentId() + " for " + mpan
                            + " is still awaiting an answer");
        });
    }
}
