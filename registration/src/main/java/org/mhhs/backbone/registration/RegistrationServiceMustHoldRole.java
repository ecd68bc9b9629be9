package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** Only a participant holding the REGISTRATION_SERVICE role on the day registers a metering point. */
final class RegistrationServiceMustHoldRole {

    static final String RULE = "RegistrationServiceMustHoldRole";

    private RegistrationServiceMustHoldRole() {}

    static void check(ParticipantId service, LocalDate day, IsdQueries isd) {
        if (!isd.holdsRole(service, MarketRole.REGISTRATION_SERVICE, day)) {
            throw RuleViolation.forbidden(
                    RULE, service.value(), service + " does not hold REGISTRATION_SERVICE on " + day);
        }
    }
}
