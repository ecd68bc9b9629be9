package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ServiceRole;

/** Ending an appointment names a last day on which a service of that role is appointed. */
final class AppointmentMustBeInForceOnLastDay {

    static final String RULE = "AppointmentMustBeInForceOnLastDay";

    private AppointmentMustBeInForceOnLastDay() {}

    static Tenure check(Mpan mpan, ServiceRole role, LocalDate lastDay, Optional<Tenure> tenure) {
        return tenure.orElseThrow(() -> RuleViolation.precondition(
                RULE, mpan + "/" + role, "no " + role + " is appointed for " + mpan + " on " + lastDay));
    }
}
