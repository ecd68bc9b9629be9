package org.mhhs.backbone.metering;

import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ResponsibilityView;

/** Consumption is recorded only for a day on which the metering point has a supplier, to whom it is allocated. */
final class SupplierInForceOnDay {

    static final String RULE = "SupplierInForceOnDay";

    private SupplierInForceOnDay() {}

    static void check(ResponsibilityView responsible) {
        if (responsible.supplier().isEmpty()) {
            throw RuleViolation.precondition(
                    RULE,
                    responsible.mpan() + "/" + responsible.day(),
                    "no supplier is registered for " + responsible.mpan() + " on " + responsible.day());
        }
    }
}
