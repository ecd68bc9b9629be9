package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ServiceRole;

/** A service is appointed only to a role whose market role it holds on the day the appointment starts. */
final class AppointedServiceMustHoldRole {

    static final String RULE = "AppointedServiceMustHoldRole";

    private AppointedServiceMustHoldRole() {}

    static void check(ParticipantId service, ServiceRole role, LocalDate day, IsdQueries isd) {
        if (!isd.holdsRole(service, role.marketRole(), day)) {
            throw RuleViolation.precondition(
                    RULE, service.value(), service + " does not hold " + role.marketRole() + " on " + day);
        }
    }
}
