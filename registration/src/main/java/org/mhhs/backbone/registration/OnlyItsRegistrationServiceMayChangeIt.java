package org.mhhs.backbone.registration;

import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** Only the registration service that registered a metering point changes its details; the refusal names no other. */
final class OnlyItsRegistrationServiceMayChangeIt {

    static final String RULE = "OnlyItsRegistrationServiceMayChangeIt";

    private OnlyItsRegistrationServiceMayChangeIt() {}

    static void check(Mpan mpan, ParticipantId registrationService, ParticipantId caller) {
        if (!registrationService.equals(caller)) {
            throw RuleViolation.forbidden(RULE, mpan.value(), caller + " is not the registration service of " + mpan);
        }
    }
}
