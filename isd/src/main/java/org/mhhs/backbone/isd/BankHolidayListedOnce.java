package org.mhhs.backbone.isd;

import java.time.LocalDate;
import java.util.Set;
import org.mhhs.backbone.kernel.RuleViolation;

/** A day is listed as a bank holiday at most once. */
final class BankHolidayListedOnce {

    static final String RULE = "BankHolidayListedOnce";

    private BankHolidayListedOnce() {}

    static void check(LocalDate date, Set<LocalDate> listed) {
        if (listed.contains(date)) {
            throw RuleViolation.alreadyExists(RULE, date.toString(), date + " is already a bank holiday");
        }
    }
}
