package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** A metering point has at most one supplier a day, so a new registration starts after the latest one started. */
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
                    mpan + "/" + current.holder() + "/" + current.period(),
                    current.holder() + " is registered for " + mpan + " for " + current.period()
                            + "; a new registration must start after "
                            + current.period().from());
        }
    }
}
