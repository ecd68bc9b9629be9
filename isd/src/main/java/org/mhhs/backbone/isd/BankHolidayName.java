package org.mhhs.backbone.isd;

import org.mhhs.backbone.kernel.RuleViolation;

/** A bank holiday's name: 1 to 100 characters, not blank. */
final class BankHolidayName {

    static final String RULE = "BankHolidayName";

    private BankHolidayName() {}

    static void check(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw RuleViolation.invalid(RULE, "name", "the name must have 1 to 100 characters");
        }
    }
}
