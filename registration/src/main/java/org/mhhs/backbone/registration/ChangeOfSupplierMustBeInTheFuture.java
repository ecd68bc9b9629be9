package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** A change of supplier takes effect after today; only the first supplier of a metering point may start earlier. */
final class ChangeOfSupplierMustBeInTheFuture {

    static final String RULE = "ChangeOfSupplierMustBeInTheFuture";

    private ChangeOfSupplierMustBeInTheFuture() {}

    static void check(Mpan mpan, LocalDate from, Optional<Tenure> latest, LocalDate today) {
        if (latest.isEmpty()) {
            return;
        }
        Tenure current = latest.get();
        if (!from.isAfter(today)) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + current.holder(),
                    "a change of supplier of " + mpan + " from " + current.holder() + " must be effective after today ("
                            + today + "), not " + from);
        }
    }
}
