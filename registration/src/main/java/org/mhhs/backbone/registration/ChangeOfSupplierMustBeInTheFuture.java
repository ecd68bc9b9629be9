package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * A change of supplier takes effect after today; only the first supplier of a metering point may start earlier. The
 * gaining supplier asks, so the refusal does not name the losing one.
 */
final class ChangeOfSupplierMustBeInTheFuture {

    static final String RULE = "ChangeOfSupplierMustBeInTheFuture";

    private ChangeOfSupplierMustBeInTheFuture() {}

    static void check(Mpan mpan, LocalDate from, Optional<Tenure> latest, LocalDate today) {
        if (latest.isEmpty()) {
            return;
        }
        if (!from.isAfter(today)) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan.value(),
                    "a change of supplier of " + mpan + " must be effective after today (" + today + "), not " + from);
        }
    }
}
