package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ServiceRole;

/** A metering point has at most one service of a role a day, so a new appointment starts after the latest started. */
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
                    mpan + "/" + current.holder() + "/" + current.period(),
                    current.holder() + " is appointed " + role + " of " + mpan + " for " + current.period()
                            + "; a new appointment must start after "
                            + current.period().from());
        }
    }
}
