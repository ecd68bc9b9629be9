package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * A metering point has at most one supplier a day, so a new registration starts after the latest one started. Any
 * supplier may ask, so the refusal gives the period, never the supplier holding it.
 */
final class SupplierPeriodsMustNotOverlap {

    static final String RULE = "SupplierPeriodsMustNotOverlap";

    private SupplierPeriodsMustNotOverlap() {}

    static void check(Mpan mpan, LocalDate from, Optional<Tenure> latest) {
        if (latest.isEmpty()) {
            return;
        }
        Tenure current = latest.get();
        if (!from.isAfter(current.period().from())) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + current.period(),
                    "the latest supplier registration of " + mpan + " is for " + current.period()
                            + "; a new registration must start after "
                            + current.period().from());
        }
    }
}
