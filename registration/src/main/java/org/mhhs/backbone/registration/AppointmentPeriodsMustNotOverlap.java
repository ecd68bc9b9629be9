package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ServiceRole;

/**
 * A metering point has at most one service of a role a day, so a new appointment starts after the latest started.
 * The refusal gives that appointment's period, not the service holding it.
 */
final class AppointmentPeriodsMustNotOverlap {

    static final String RULE = "AppointmentPeriodsMustNotOverlap";

    private AppointmentPeriodsMustNotOverlap() {}

    static void check(Mpan mpan, ServiceRole role, LocalDate from, Optional<Tenure> latest) {
        if (latest.isEmpty()) {
            return;
        }
        Tenure current = latest.get();
        if (!from.isAfter(current.period().from())) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + role + "/" + current.period(),
                    "the latest " + role + " appointment of " + mpan + " is for " + current.period()
                            + "; a new appointment must start after "
                            + current.period().from());
        }
    }
}
