package org.mhhs.backbone.registration;

import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** An appointment request is accepted or rejected only by the service it was made of, whom the refusal never names. */
final class OnlyTheRequestedServiceMayAnswer {

    static final String RULE = "OnlyTheRequestedServiceMayAnswer";

    private OnlyTheRequestedServiceMayAnswer() {}

    static void check(PendingAppointment appointment, ParticipantId caller) {
        if (!appointment.service().equals(caller)) {
            throw RuleViolation.forbidden(
                    RULE,
                    appointment.appointmentId().toString(),
                    "appointment " + appointment.appointmentId() + " was not requested of " + caller);
        }
    }
}
