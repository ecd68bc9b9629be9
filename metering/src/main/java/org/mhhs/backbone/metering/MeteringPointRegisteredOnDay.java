package org.mhhs.backbone.metering;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.ResponsibilityView;

/** Consumption is recorded only for a metering point that is registered on the settlement day. */
final class MeteringPointRegisteredOnDay {

    static final String RULE = "MeteringPointRegisteredOnDay";

    private MeteringPointRegisteredOnDay() {}

    /** Who is responsible for the metering point on that day. */
    static ResponsibilityView check(Mpan mpan, LocalDate day, RegistrationQueries registration) {
        return registration
                .findResponsibility(mpan, day)
                .orElseThrow(() -> RuleViolation.notFound(
                        RULE, mpan.value(), "metering point " + mpan + " is not registered on " + day));
    }
}
