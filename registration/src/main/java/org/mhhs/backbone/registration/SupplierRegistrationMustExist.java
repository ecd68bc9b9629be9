package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * Only the caller's own registration can be withdrawn: one of it as supplier of the metering point taking effect on
 * the day named. Whether another supplier's registration takes effect that day or none does, the answer is the same,
 * so that a stranger learns nothing about who is or will be supplier.
 */
final class SupplierRegistrationMustExist {

    static final String RULE = "SupplierRegistrationMustExist";

    private SupplierRegistrationMustExist() {}

    static Tenure check(Mpan mpan, ParticipantId caller, LocalDate from, Optional<Tenure> startingThatDay) {
        return startingThatDay
                .filter(tenure -> tenure.holder().equals(caller))
                .orElseThrow(() -> RuleViolation.notFound(
                        RULE,
                        mpan + "/" + from,
                        caller + " has no supplier registration of " + mpan + " taking effect on " + from));
    }
}
