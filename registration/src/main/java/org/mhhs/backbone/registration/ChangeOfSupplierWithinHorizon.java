package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * A supplier registers at most the ISD change of supplier horizon ahead of the day it takes effect, so that a
 * registration far in the future cannot hold up every other change of supplier of the metering point until then.
 */
final class ChangeOfSupplierWithinHorizon {

    static final String RULE = "ChangeOfSupplierWithinHorizon";

    private ChangeOfSupplierWithinHorizon() {}

    static void check(Mpan mpan, LocalDate from, LocalDate today, int horizonDays) {
        LocalDate latest = today.plusDays(horizonDays);
        if (from.isAfter(latest)) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + from,
                    "a supplier registration of " + mpan + " may take effect at most " + horizonDays
                            + " days after today (" + today + "), on " + latest + " at the latest, not on " + from);
        }
    }
}
