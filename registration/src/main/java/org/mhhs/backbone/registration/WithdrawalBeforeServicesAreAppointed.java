package org.mhhs.backbone.registration;

import java.util.List;
import java.util.stream.Collectors;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * A withdrawal leaves the metering point as if the registration had never been made, which it cannot do once the
 * gaining supplier has changed the services of its own period: an appointment it requested for a day of that period
 * was accepted (ending the appointment in force the day before), or it ended an appointment on such a day.
 */
final class WithdrawalBeforeServicesAreAppointed {

    static final String RULE = "WithdrawalBeforeServicesAreAppointed";

    private WithdrawalBeforeServicesAreAppointed() {}

    static void check(Mpan mpan, Tenure registration, List<ServiceChange> changes) {
        List<ServiceChange> own = changes.stream()
                .filter(change -> change.supplier().equals(registration.holder()))
                .filter(change -> registration.period().contains(change.day()))
                .toList();
        if (!own.isEmpty()) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + registration.period().from(),
                    "the supplier registration of " + registration.holder() + " for " + mpan + " from "
                            + registration.period().from() + " can no longer be withdrawn: it has changed the services"
                            + " of its period ("
                            + own.stream().map(ServiceChange::toString).collect(Collectors.joining(", "))
                            + ")");
        }
    }
}
