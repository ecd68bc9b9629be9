package org.mhhs.backbone.isd;

import org.mhhs.backbone.kernel.RuleViolation;

/** A supplier registration may be made 1 to 365 days ahead of the day it takes effect. */
final class ChangeOfSupplierHorizonRange {

    static final String RULE = "ChangeOfSupplierHorizonRange";
    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 365;

    private ChangeOfSupplierHorizonRange() {}

    static void check(int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw RuleViolation.invalid(
                    RULE,
                    "days",
                    "the change of supplier horizon is " + days + " days; it must be " + MIN_DAYS + " to " + MAX_DAYS);
        }
    }
}
