package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ServiceRole;

/** A service is not appointed again to a role it already holds for the metering point on that day. */
final class AlreadyAppointed {

    static final String RULE = "AlreadyAppointed";

    private AlreadyAppointed() {}

    static void check(Mpan mpan, ServiceRole role, ParticipantId service, LocalDate from, Optional<Tenure> latest) {
        if (latest.isEmpty()) {
            return;
        }
        Tenure current = latest.get();
        if (current.holder().equals(service) && current.period().contains(from)) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + current.period(),
                    service + " is already appointed " + role + " of " + mpan + " on " + from);
        }
    }
}
